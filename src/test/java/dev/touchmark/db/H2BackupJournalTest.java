package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.scan.ScanJournal;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups and restores around a scan journal that a server left behind when it stopped without shutting down. */
class H2BackupJournalTest {
    @TempDir
    Path dir;

    private static void leaveJournal(Path journalDir) {
        try (ScanJournal journal = ScanJournal.open(journalDir, 1 << 20, false)) {
            journal.startAfresh(1);
            journal.append(ByteBuffer.allocate(16).putLong(1).array());
        }
    }

    @Test
    void aBackupWaitsUntilAServerHasAppliedTheJournal() {
        TouchmarkConfig config = TestDatabases.h2(dir.resolve("data"));
        try (Database database = Database.open(config, 2)) {
            assertTrue(database.isH2File());
        }
        Path journalDir = ScanJournal.folderFor(Database.h2FileBase(config.dbUrl()).orElseThrow());
        leaveJournal(journalDir);
        H2Backup backup = new H2Backup(config.dbUrl(), config.dbUser(), config.dbPassword());
        Path target = dir.resolve("backup.zip");
        H2Backup.BackupException e = assertThrows(H2Backup.BackupException.class, () -> backup.backup(target));
        assertTrue(e.getMessage().contains("start the server once"), e.getMessage());
        assertFalse(Files.exists(target));

        try (ScanJournal journal = ScanJournal.open(journalDir, 1 << 20, false)) {
            journal.deleteAll(); // what a server's clean shutdown leaves
        }
        backup.backup(target);
        assertTrue(Files.exists(target));
    }

    @Test
    void aRestoreRefusesAFolderWithAnEarlierDatabasesJournal() throws Exception {
        TouchmarkConfig old = TestDatabases.h2(dir.resolve("old"));
        try (Database database = Database.open(old, 2)) {
            assertTrue(database.isReachable());
        }
        Path zip = dir.resolve("old.zip");
        new H2Backup(old.dbUrl(), old.dbUser(), old.dbPassword()).backup(zip);

        TouchmarkConfig fresh = TestDatabases.h2(dir.resolve("fresh"));
        Path journalDir = ScanJournal.folderFor(Database.h2FileBase(fresh.dbUrl()).orElseThrow());
        leaveJournal(journalDir);
        H2Backup restore = new H2Backup(fresh.dbUrl(), fresh.dbUser(), fresh.dbPassword());
        H2Backup.BackupException e = assertThrows(H2Backup.BackupException.class, () -> restore.restore(zip));
        assertTrue(e.getMessage().contains(journalDir.toString()), e.getMessage());
        assertFalse(Files.exists(restore.databaseFile()));
    }

    @Test
    void theJournalSitsNextToTheDatabaseFile() {
        assertTrue(Database.h2FileBase("jdbc:postgresql://db/touchmark").isEmpty());
        assertTrue(Database.h2FileBase("jdbc:h2:mem:x").isEmpty());
        Path base = Database.h2FileBase("jdbc:h2:file:/var/lib/touchmark/touchmark;AUTO_SERVER=TRUE").orElseThrow();
        assertTrue(ScanJournal.folderFor(base).equals(Path.of("/var/lib/touchmark/touchmark.scan-journal")));
        assertTrue(Database.h2FileBase("jdbc:h2:~/tm").orElseThrow().equals(Path.of(System.getProperty("user.home"), "tm")));
    }
}
