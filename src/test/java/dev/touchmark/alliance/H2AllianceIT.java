package dev.touchmark.alliance;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Alliances on embedded H2. */
class H2AllianceIT extends AllianceContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-alliance-h2-"));
    }
}
