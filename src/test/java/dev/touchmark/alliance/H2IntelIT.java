package dev.touchmark.alliance;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** The alliance's intelligence on embedded H2. */
class H2IntelIT extends IntelContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-intel-h2-"));
    }
}
