package dev.touchmark.shopper;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** What counts as a shopper's scan, on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresScanCountingIT extends ScanCountingContract {
    /** Dropped after the contract's @AfterAll has stopped the server (JUnit closes it at the instance's end). */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-counting-pg-"));
        return postgres.config();
    }
}
