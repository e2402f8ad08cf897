package dev.touchmark.alliance;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Sharing settings on embedded H2. */
class H2SharingIT extends SharingContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-sharing-h2-"));
    }
}
