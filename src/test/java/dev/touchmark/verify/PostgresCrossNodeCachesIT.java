package dev.touchmark.verify;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;

/** Two nodes' caches over one PostgreSQL database, each with its own pool (skipped if unreachable, except under CI=true). */
class PostgresCrossNodeCachesIT extends CrossNodeCachesContract {
    /** Dropped after the contract's @AfterAll has closed both pools. */
    @AutoClose
    private TestDatabases.Postgres postgres;
    private final List<Database> opened = new ArrayList<>();

    @Override
    protected TouchmarkConfig config() throws Exception {
        postgres = TestDatabases.postgres(Files.createTempDirectory("touchmark-nodes-pg-"));
        return postgres.config();
    }

    @Override
    protected Database openFirst(TouchmarkConfig config) {
        Database database = Database.open(config, 4);
        opened.add(database);
        return database;
    }

    @Override
    protected Database openSecond(TouchmarkConfig config, Database first) {
        Database database = Database.open(config, 4);
        opened.add(database);
        return database;
    }

    @Override
    protected void closeDatabases() {
        opened.forEach(Database::close);
    }
}
