package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded H2 file's checkpoints and compaction, on real files (see H2FileStore). */
class H2FileStoreTest {
    @TempDir
    Path dir;

    /** The store behind a connection, as H2 has it (H2FileStore.store would raise the write buffer itself). */
    private static MVStore plainStore(Connection connection) throws SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void openingTheFileRaisesH2sWriteBufferAndKeepsSpaceReuseOn() throws Exception {
        try (Database database = Database.open(TestDatabases.h2(dir), 2); Connection connection = database.dataSource().getConnection()) {
            // If an H2 upgrade renames the field, this is where it shows: the server would fail to start.
            assertEquals(H2FileStore.UNSAVED_BYTES, plainStore(connection).getAutoCommitMemory());
            // Compaction works only where freed space is reused.
            assertTrue(plainStore(connection).getFileStore().isSpaceReused());
        }
    }

    /** H2 keeps the header's chunk id as a number once it wrote the header, as hex text when it read it. */
    @Test
    void theHeadersChunkIsReadInBothOfH2sForms() {
        assertEquals(22, H2FileStore.headerChunk(22));
        assertEquals(22, H2FileStore.headerChunk("16"));
        assertEquals(-1, H2FileStore.headerChunk(null));
    }

    @Test
    void aCheckpointWaitsForTheGateThenMakesTheChangesSurviveACrash() throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        try (Database database = Database.open(config, 2); Connection connection = database.dataSource().getConnection()) {
            execute(connection, "CREATE TABLE kept(id INT PRIMARY KEY)");
            execute(connection, "INSERT INTO kept VALUES (1), (2), (3)");
            MVStore store = plainStore(connection);
            assertTrue(store.hasUnsavedChanges());

            database.storeGate().lock(); // as the scan writer does for a group's transaction
            CompletableFuture<Void> checkpoint;
            try {
                checkpoint = CompletableFuture.runAsync(database::checkpoint);
                try {
                    checkpoint.get(300, TimeUnit.MILLISECONDS);
                    throw new AssertionError("the checkpoint did not wait for the gate");
                } catch (TimeoutException expected) {
                    assertTrue(store.hasUnsavedChanges(), "nothing is written while the gate is held");
                }
            } finally {
                database.storeGate().unlock();
            }
            checkpoint.get(30, TimeUnit.SECONDS);
            assertFalse(store.hasUnsavedChanges());

            execute(connection, "INSERT INTO kept VALUES (4)"); // after the checkpoint: lost in the crash below
            execute(connection, "SHUTDOWN IMMEDIATELY"); // closes the file as a crash would, writing nothing more
        } catch (SQLException closedByTheShutdown) {
            // the pool's connections die with the database
        }
        try (Database database = Database.open(config, 2); Connection connection = database.dataSource().getConnection()) {
            assertEquals(3, count(connection, "kept"));
        }
    }

    /** H2's wait for its write ends at once for an interrupted thread; the checkpoint waits all the same. */
    @Test
    void aCheckpointOnAnInterruptedThreadStillReturnsOnlyOnceTheVersionIsWritten() throws Exception {
        try (Database database = Database.open(TestDatabases.h2(dir), 2); Connection connection = database.dataSource().getConnection()) {
            execute(connection, "CREATE TABLE kept(id INT PRIMARY KEY, v VARCHAR(100))");
            execute(connection, "INSERT INTO kept SELECT \"X\", REPEAT('v', 100) FROM SYSTEM_RANGE(1, 20000)");
            MVStore store = plainStore(connection);
            Thread.currentThread().interrupt();
            boolean stillInterrupted;
            long written;
            try {
                database.checkpoint();
                written = store.getFileStore().lastChunkVersion();
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            assertEquals(store.getCurrentVersion(), written, "the version is in the file when the checkpoint returns");
            assertTrue(stillInterrupted, "the interrupt is passed on");
        }
    }

    /**
     * The same churn (rows of a small table rewritten, a few rows appended, then a checkpoint, many times over) on two
     * files, one compacted after each checkpoint. H2's retention time is set to 0 so that chunks can be reused at once
     * instead of after 45 s.
     */
    @Test
    void compactionKeepsAChurningFileFromGrowingWithEverythingWritten() throws Exception {
        long plain = churn(TestDatabases.h2(dir.resolve("plain")), 42, false, new HashMap<>(), false, Finish.NOTHING);
        long compacted = churn(TestDatabases.h2(dir.resolve("compacted")), 42, true, new HashMap<>(), false, Finish.NOTHING);
        assertTrue(compacted * 3 < plain, "compacted " + compacted + " bytes, not compacted " + plain + " bytes");
    }

    /** The live share of the file falls as rows are rewritten (their old versions stay in the file until reused). */
    @Test
    void theLiveShareOfTheFileFallsAsRowsAreRewritten() throws Exception {
        try (Database database = Database.open(TestDatabases.h2(dir), 2); Connection connection = database.dataSource().getConnection()) {
            execute(connection, "CREATE TABLE churn(id INT PRIMARY KEY, v VARCHAR(100))");
            execute(connection, "INSERT INTO churn SELECT \"X\", REPEAT('a', 100) FROM SYSTEM_RANGE(1, 5000)");
            database.checkpoint();
            double fresh = database.fileLiveShare().orElseThrow();
            for (int round = 0; round < 10; round++) {
                execute(connection, "UPDATE churn SET v = REPEAT('" + (char) ('b' + round) + "', 100)");
                database.checkpoint();
            }
            double churned = database.fileLiveShare().orElseThrow();
            assertTrue(fresh > 0 && fresh <= 1 && churned > 0 && churned < fresh, "fresh " + fresh + ", churned " + churned);
        }
    }

    /**
     * A crash right after compaction steps (which moved most live pages to new chunks, so that new versions land in
     * freed space inside the file) keeps every checkpointed row, whether Touchmark's checkpoints or H2's own wrote
     * them (as H2 writes a command that comes through AUTO_SERVER). Without H2FileStore's rewrite of the store header,
     * the restart recovered a version before the last checkpoint, 20 or 40 rows short, every time.
     */
    @ParameterizedTest
    @CsvSource({"42, false", "2026, false", "42, true", "2026, true"})
    void aCrashAfterCompactionKeepsEveryCheckpointedRow(int seed, boolean viaH2) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        Map<Integer, String> expected = new HashMap<>();
        try {
            churn(config, seed, true, expected, viaH2, Finish.CRASH);
        } catch (SQLException closedByTheShutdown) {
            // the crash closes the pool's connections
        }
        try (Database database = Database.open(config, 2); Connection connection = database.dataSource().getConnection()) {
            assertEquals(3000, count(connection, "log"));
            assertEquals(expected, churnRows(connection));
        }
    }

    /**
     * A backup taken on a compacted file right after a change that H2 wrote by itself (as the CLI's changes and its
     * backup reach a running server, through AUTO_SERVER) restores with that change: H2's backup copies the file,
     * and a restore opens the version the copied header leads to.
     */
    @ParameterizedTest
    @ValueSource(ints = {42, 2026})
    void aBackupAfterCompactionHoldsTheLastChange(int seed) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir.resolve("live"));
        Path zip = dir.resolve("backup.zip");
        Map<Integer, String> expected = new HashMap<>();
        churn(config, seed, true, expected, true, (database, connection) -> {
            execute(connection, "INSERT INTO log VALUES (3001, 'after the churn')");
            execute(connection, "CHECKPOINT");
            new H2Backup(config.dbUrl(), config.dbUser(), config.dbPassword()).backup(zip);
        });
        TouchmarkConfig restored = TestDatabases.h2(dir.resolve("restored"));
        new H2Backup(restored.dbUrl(), restored.dbUser(), restored.dbPassword()).restore(zip);
        try (Database database = Database.open(restored, 2); Connection connection = database.dataSource().getConnection()) {
            assertEquals(3001, count(connection, "log"));
            assertEquals(expected, churnRows(connection));
        }
    }

    private static Map<Integer, String> churnRows(Connection connection) throws SQLException {
        Map<Integer, String> found = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT id, v FROM churn")) {
            while (rows.next()) {
                found.put(rows.getInt(1), rows.getString(2));
            }
        }
        return found;
    }

    /**
     * Churns, checkpointing (and compacting) after each round; fills {@code rows} with what the churn table holds, and
     * returns the file's size. With {@code crash}, ends with a crash of the database instead of closing it.
     */
    private static long churn(TouchmarkConfig config, int seed, boolean compact, Map<Integer, String> rows,
                              boolean viaH2, Finish finish) throws Exception {
        Random random = new Random(seed);
        try (Database database = Database.open(config, 2); Connection connection = database.dataSource().getConnection()) {
            plainStore(connection).setRetentionTime(0);
            execute(connection, "CREATE TABLE churn(id INT PRIMARY KEY, v VARCHAR(40))");
            execute(connection, "CREATE TABLE log(id INT PRIMARY KEY, v VARCHAR(40))");
            execute(connection, "INSERT INTO churn SELECT \"X\", 'x' FROM SYSTEM_RANGE(1, 2000)");
            for (int id = 1; id <= 2000; id++) {
                rows.put(id, "x");
            }
            int logged = 0;
            try (PreparedStatement update = connection.prepareStatement("UPDATE churn SET v = ? WHERE id = ?");
                 PreparedStatement append = connection.prepareStatement("INSERT INTO log VALUES (?, ?)")) {
                for (int round = 0; round < 150; round++) {
                    for (int i = 0; i < 300; i++) {
                        String value = Long.toHexString(random.nextLong());
                        int id = 1 + random.nextInt(2000);
                        rows.put(id, value);
                        update.setString(1, value);
                        update.setInt(2, id);
                        update.addBatch();
                    }
                    update.executeBatch();
                    for (int i = 0; i < 20; i++) {
                        append.setInt(1, ++logged);
                        append.setString(2, Long.toHexString(random.nextLong()));
                        append.addBatch();
                    }
                    append.executeBatch();
                    if (viaH2) { // as a command through AUTO_SERVER is written: by H2's own checkpoint
                        execute(connection, "CHECKPOINT");
                    } else {
                        database.checkpoint();
                    }
                    if (compact) {
                        database.compactStep();
                    }
                }
            }
            assertEquals(3000, count(connection, "log"));
            long size = Files.size(Database.h2DataFile(Database.h2FileBase(config.dbUrl()).orElseThrow()));
            finish.run(database, connection);
            return size;
        }
    }

    /** What a churn ends with, before the database is closed. */
    private interface Finish {
        Finish NOTHING = (database, connection) -> { };
        /** A crash of the database: the file is closed and nothing more is written. */
        Finish CRASH = (database, connection) -> execute(connection, "SHUTDOWN IMMEDIATELY");

        void run(Database database, Connection connection) throws Exception;
    }
}
