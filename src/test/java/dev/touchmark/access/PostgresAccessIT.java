package dev.touchmark.access;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;

/** Access on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresAccessIT extends AccessContract {
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-access-pg-"));
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
