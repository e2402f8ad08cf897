package dev.touchmark.alert;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Slow clones and duplicate print runs on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresLateScansIT extends LateScansContract {
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-late-pg-"));
        return postgres.config();
    }
}
