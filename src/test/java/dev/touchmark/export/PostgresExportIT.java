package dev.touchmark.export;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** The export contract on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresExportIT extends ExportContract {
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-pg-export-"));
        return postgres.config();
    }
}
