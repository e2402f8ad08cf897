package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database is not open to whoever reaches it with user sa and an empty password: a fresh data folder
 * gets a random password, kept owner-only beside the master key; a database from before gets it at its first start,
 * also when that start was cut short; backups are owner-only and restore with the password of their folder.
 */
class H2PasswordIT {
    private static final String LEGACY_USER = "sa";
    private static final String LEGACY_PASSWORD = "";

    @Test
    void aFreshDataFolderGetsAnOwnerOnlyPasswordAndTheDatabaseRefusesTheEmptyOne(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        try (App app = App.start(config, Clock.systemUTC())) {
            assertTrue(app.port() > 0);
        }
        Path file = dir.resolve("database.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertTrue(password.matches("[A-Za-z0-9_-]{43}"), "32 random bytes in base64url");
        assertRefusesTheEmptyPassword(config);
        assertOpens(config, password);
        TouchmarkConfig read = H2Password.read(config);
        assertEquals(password, read.dbPassword());
        assertFalse(read.toString().contains(password), read.toString());
    }

    @Test
    void aDatabaseFromBeforeIsOpenedAndThenRefusesTheEmptyPassword(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        createAsBefore(config);
        try (App app = App.start(config, Clock.systemUTC())) {
            assertTrue(app.port() > 0);
        }
        assertRefusesTheEmptyPassword(config);
        String password = Files.readString(dir.resolve("database.password")).strip();
        try (Connection c = DriverManager.getConnection(url(config) + ";IFEXISTS=TRUE", config.dbUser(), password);
             ResultSet marker = c.createStatement().executeQuery(
                     "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'made_before'")) {
            marker.next();
            assertEquals(1, marker.getInt(1), "the same database, with what it held");
        }
    }

    @Test
    void anAdminCommandOpeningADatabaseFromBeforeSetsItToo(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        createAsBefore(config);
        Database.open(config, 2).close(); // what an admin command does with no server running
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("database.password"))));
        assertRefusesTheEmptyPassword(config);
        assertOpens(config, Files.readString(dir.resolve("database.password")).strip());
    }

    @Test
    void aChangeCutShortIsFinishedAtTheNextStartWhereverItStopped(@TempDir Path parent) throws Exception {
        String password = "A".repeat(43);
        // Stopped after the new password was written, before it was set on the database.
        TouchmarkConfig before = TestDatabases.h2(Files.createDirectory(parent.resolve("before")));
        createAsBefore(before);
        Files.writeString(before.dataDir().resolve("database.password.new"), password + "\n");
        // Stopped after it was set, before the file was renamed.
        TouchmarkConfig after = TestDatabases.h2(Files.createDirectory(parent.resolve("after")));
        createAsBefore(after);
        Files.writeString(after.dataDir().resolve("database.password.new"), password + "\n");
        try (Connection c = DriverManager.getConnection(url(after), LEGACY_USER, LEGACY_PASSWORD);
             PreparedStatement alter = c.prepareStatement("ALTER USER \"SA\" SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.execute();
        }
        for (TouchmarkConfig config : new TouchmarkConfig[] {before, after}) {
            try (App app = App.start(config, Clock.systemUTC())) {
                assertTrue(app.port() > 0);
            }
            Path file = config.dataDir().resolve("database.password");
            assertEquals(password, Files.readString(file).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertFalse(Files.exists(config.dataDir().resolve("database.password.new")));
            assertRefusesTheEmptyPassword(config);
            assertOpens(config, password);
        }
    }

    @Test
    void backupsAreOwnerOnlyAndRestoreWithThePasswordOfTheirFolder(@TempDir Path parent) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(Files.createDirectory(parent.resolve("data")));
        Path backup = Files.createDirectory(parent.resolve("backups")).resolve("touchmark.zip");
        try (App app = App.start(config, Clock.systemUTC())) {
            TouchmarkConfig read = H2Password.read(config);
            new H2Backup(read.dbUrl(), read.dbUser(), read.dbPassword()).backup(backup);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));

        TouchmarkConfig fresh = TestDatabases.h2(Files.createDirectory(parent.resolve("fresh")));
        H2Backup.BackupException refused = assertThrows(H2Backup.BackupException.class,
                () -> new H2Backup(fresh.dbUrl(), fresh.dbUser(), fresh.dbPassword()).restore(backup));
        assertTrue(refused.getMessage().contains("database.password"), refused.getMessage());

        Files.copy(config.dataDir().resolve("database.password"), fresh.dataDir().resolve("database.password"));
        TouchmarkConfig read = H2Password.read(fresh);
        H2Backup restore = new H2Backup(read.dbUrl(), read.dbUser(), read.dbPassword());
        restore.restore(backup);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restore.databaseFile())));
        assertRefusesTheEmptyPassword(fresh);
        assertEquals(0, brands(fresh, read.dbPassword()));
    }

    /** A database as versions before the generated password left it: Touchmark's tables, user sa, no password. */
    private static void createAsBefore(TouchmarkConfig config) throws SQLException {
        Flyway.configure().dataSource(url(config), LEGACY_USER, LEGACY_PASSWORD).locations(MigrationLocations.of(false))
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url(config), LEGACY_USER, LEGACY_PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA made_before");
        }
    }

    private static String url(TouchmarkConfig config) {
        return Database.effectiveUrl(config.dbUrl());
    }

    private static void assertRefusesTheEmptyPassword(TouchmarkConfig config) {
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(config) + ";IFEXISTS=TRUE", LEGACY_USER, LEGACY_PASSWORD).close());
        assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode(), refused.getMessage());
    }

    private static void assertOpens(TouchmarkConfig config, String password) throws SQLException {
        DriverManager.getConnection(url(config) + ";IFEXISTS=TRUE", config.dbUser(), password).close();
    }

    private static long brands(TouchmarkConfig config, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(config) + ";IFEXISTS=TRUE", config.dbUser(), password);
             ResultSet count = c.createStatement().executeQuery("SELECT count(*) FROM brand")) {
            count.next();
            return count.getLong(1);
        }
    }
}
