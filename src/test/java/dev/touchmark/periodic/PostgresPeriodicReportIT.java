package dev.touchmark.periodic;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Regular reports on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresPeriodicReportIT extends PeriodicReportContract {
    /** Dropped after the contract's @AfterAll has stopped the server (JUnit closes it at the instance's end). */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-periodic-pg-"));
        return postgres.config();
    }
}
