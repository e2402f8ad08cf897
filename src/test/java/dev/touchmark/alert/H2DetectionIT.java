package dev.touchmark.alert;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Detection on embedded H2. */
class H2DetectionIT extends DetectionContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-detect-h2-"));
    }
}
