package dev.touchmark.access;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Two-factor sign-in on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresTwoFactorIT extends TwoFactorContract {
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-twofactor-pg-"));
        return postgres.config();
    }
}
