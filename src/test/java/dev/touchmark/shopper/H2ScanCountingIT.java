package dev.touchmark.shopper;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** What counts as a shopper's scan, on embedded H2. */
class H2ScanCountingIT extends ScanCountingContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-counting-h2-"));
    }
}
