package dev.touchmark.brand;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Branded verification pages on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresBrandingIT extends BrandingContract {
    /** Dropped after the contract's @AfterAll has stopped the server (JUnit closes it at the instance's end). */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-branding-pg-"));
        return postgres.config();
    }
}
