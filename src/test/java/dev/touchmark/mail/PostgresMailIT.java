package dev.touchmark.mail;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AutoClose;

/** Staff mail on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresMailIT extends MailContract {
    /** Dropped after the contract's @AfterAll has stopped the server. */
    @AutoClose
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-mail-pg-"));
        return postgres.config();
    }
}
