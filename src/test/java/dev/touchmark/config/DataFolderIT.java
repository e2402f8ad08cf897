package dev.touchmark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other users of the machine cannot read the embedded database: a data folder the server creates is owner-only
 * whatever the umask, and so are the database, its password and the master key, and H2 leaves no error log there; a
 * folder others can enter, or a file in it others could read, gets a warning that says what to do.
 */
class DataFolderIT {
    @Test
    void aDataFolderTheServerCreatesAndItsDatabaseAreOwnerOnly(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("data");
        try (App app = App.start(TestDatabases.h2(dir), Clock.systemUTC())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("touchmark.mv.db"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("database.password"))));
            // A failing statement is what H2 writes to its error log (touchmark.trace.db), made with the umask's mode.
            assertThrows(DataAccessException.class, () -> app.services().database().dsl().execute("SELECT * FROM no_such_table"));
        }
        assertEquals(Optional.empty(), DataFolder.exposedFiles(dir), "nothing in the data folder is open to others");
        assertFalse(Files.exists(dir.resolve("touchmark.trace.db")));
    }

    @Test
    void aFileOthersCouldReadIsNamedWithTheChmodToRun(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path owned = Files.writeString(dir.resolve("master.key"), "k");
        Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rw-------"));
        Path trace = Files.writeString(dir.resolve("touchmark.trace.db"), "left by an older version");
        Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));
        String warning = DataFolder.exposedFiles(dir).orElseThrow();
        assertTrue(warning.contains("touchmark.trace.db (rw-r--r--)"), warning);
        assertTrue(warning.endsWith("chmod go= " + trace), warning);
        assertFalse(warning.contains("master.key"), warning);
        assertTrue(DataFolder.prepare(dir).isEmpty(), "the folder itself is owner-only");
        Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), DataFolder.exposedFiles(dir));
    }

    @Test
    void aFolderOthersCanEnterIsLeftAsItIsWithAWarning(@TempDir Path parent) throws Exception {
        Path dir = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String warning = DataFolder.prepare(dir).orElseThrow();
        assertTrue(warning.contains("chmod 700 " + dir), warning);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertTrue(DataFolder.prepare(dir).isEmpty());
    }
}
