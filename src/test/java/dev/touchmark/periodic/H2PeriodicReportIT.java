package dev.touchmark.periodic;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Regular reports on embedded H2. */
class H2PeriodicReportIT extends PeriodicReportContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-periodic-h2-"));
    }
}
