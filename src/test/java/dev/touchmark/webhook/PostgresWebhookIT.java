package dev.touchmark.webhook;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;

/** The webhook contract on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresWebhookIT extends WebhookContract {
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-hooks-pg-"));
        return postgres.config();
    }

    @AfterAll
    void dropDatabase() throws Exception {
        stopServer();
        if (postgres != null) {
            postgres.close();
        }
    }
}
