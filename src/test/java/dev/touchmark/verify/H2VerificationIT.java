package dev.touchmark.verify;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Shopper verification on embedded H2. */
class H2VerificationIT extends VerificationContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-verify-h2-"));
    }
}
