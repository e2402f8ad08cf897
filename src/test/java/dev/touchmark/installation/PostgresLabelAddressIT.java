package dev.touchmark.installation;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;

/** The label address contract on PostgreSQL (skipped if unreachable, except under CI=true where it fails). */
class PostgresLabelAddressIT extends LabelAddressContract {
    private TestDatabases.Postgres postgres;

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-address-pg-"));
        return postgres.config();
    }

    @AfterEach
    void drop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
