package dev.touchmark.alert;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;

/** Detection on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresDetectionIT extends DetectionContract {
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-detect-pg-"));
        return postgres.config();
    }

    @AfterAll
    void dropDatabase() throws Exception {
        stop();
        app = null;
        if (postgres != null) {
            postgres.close();
        }
    }
}
