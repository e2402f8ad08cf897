package dev.touchmark.dashboard;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Code lookup and batch progress on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresCodeLookupIT extends CodeLookupContract {
    /** Dropped after the contract's @AfterAll has stopped the server (JUnit closes it at the instance's end). */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-lookup-pg-"));
        return postgres.config();
    }
}
