package dev.touchmark.verify;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/**
 * Two nodes' caches over one embedded H2 file. In one JVM an H2 file is one in-process database whatever the pool,
 * so both nodes share the first pool (two would only race each other's checkpoints of the file); each still has its
 * own change watcher and caches, which is what this tests.
 */
class H2CrossNodeCachesIT extends CrossNodeCachesContract {
    private Database database;

    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-nodes-h2-"));
    }

    @Override
    protected Database openFirst(TouchmarkConfig config) {
        database = Database.open(config, 4);
        return database;
    }

    @Override
    protected Database openSecond(TouchmarkConfig config, Database first) {
        return first;
    }

    @Override
    protected void closeDatabases() {
        if (database != null) {
            database.close();
        }
    }
}
