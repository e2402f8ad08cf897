package dev.touchmark.dashboard;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Code lookup and batch progress on embedded H2. */
class H2CodeLookupIT extends CodeLookupContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-lookup-h2-"));
    }
}
