package dev.touchmark.alert;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Slow clones and duplicate print runs on embedded H2. */
class H2LateScansIT extends LateScansContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-late-h2-"));
    }
}
