package dev.touchmark.cli;

import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.H2Backup;
import dev.touchmark.db.H2Password;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** touchmark backup FILE and touchmark restore FILE, for the embedded H2 database. */
final class BackupCommands {
    private BackupCommands() {
    }

    private static H2Backup h2() {
        TouchmarkConfig config = ConfigLoader.fromEnvironment();
        try {
            config = H2Password.read(config);
            return new H2Backup(config.dbUrl(), config.dbUser(), config.dbPassword());
        } catch (H2Backup.BackupException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "backup",
            description = "Write a consistent copy of the embedded H2 database to FILE (a zip); works while the server runs. "
                    + "The master key is not in it: keep a copy of it too.")
    static final class Backup implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The backup to write; it must not exist yet.")
        Path file;

        @Override
        public Integer call() {
            H2Backup backup = h2();
            try {
                backup.backup(file);
            } catch (H2Backup.BackupException e) {
                throw new CliException(e.getMessage());
            }
            System.out.println("Backed up " + backup.databaseFile() + " to " + file.toAbsolutePath().normalize());
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "restore",
            description = "Restore a backup made by `touchmark backup` into a data folder that has no database yet. "
                    + "The file is checked before it takes its place; existing data is never overwritten.")
    static final class Restore implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A backup made by `touchmark backup`.")
        Path file;

        @Override
        public Integer call() {
            H2Backup backup = h2();
            try {
                backup.restore(file);
            } catch (H2Backup.BackupException e) {
                throw new CliException(e.getMessage());
            }
            System.out.println("Restored " + file.toAbsolutePath().normalize() + " to " + backup.databaseFile());
            System.out.println("The server needs the master key the backup was made with (TOUCHMARK_MASTER_KEY or TOUCHMARK_MASTER_KEY_FILE).");
            return 0;
        }
    }
}
