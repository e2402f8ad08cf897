package dev.touchmark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other users of the machine cannot read the embedded database: a data folder the server creates is owner-only
 * whatever the umask, and so is the database file; a folder others can enter gets a warning that says what to do.
 */
class DataFolderIT {
    @Test
    void aDataFolderTheServerCreatesAndItsDatabaseAreOwnerOnly(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("data");
        try (App app = App.start(TestDatabases.h2(dir), Clock.systemUTC())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("touchmark.mv.db"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))));
        }
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
