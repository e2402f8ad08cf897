package dev.touchmark.access;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** Two-factor sign-in on embedded H2. */
class H2TwoFactorIT extends TwoFactorContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-twofactor-h2-"));
    }
}
