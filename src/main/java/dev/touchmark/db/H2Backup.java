package dev.touchmark.db;

import dev.touchmark.config.DataFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.h2.api.ErrorCode;

/**
 * Backs up and restores the embedded H2 database. A backup is H2's {@code BACKUP TO} zip (consistent, taken on a
 * live database). A restore goes only into a data folder without a database, and checks the file is a Touchmark
 * database before it takes its place, so a bad backup never costs the data that is there. Backups and restored
 * files are readable by their owner only, wherever they are written.
 */
public final class H2Backup {
    private static final String MV_DB = ".mv.db";
    private final String url;
    private final String user;
    private final String password;

    /**
     * For the database at an embedded H2 URL ({@code jdbc:h2:file:...} or {@code jdbc:h2:/path}), with the password
     * it has (for a password Touchmark keeps, as {@link H2Password#read} gives it).
     */
    public H2Backup(String url, String user, String password) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            throw new BackupException("backup and restore work on an embedded H2 database file (TOUCHMARK_DB_URL=jdbc:h2:file:...), "
                    + "not " + url + "; for PostgreSQL use pg_dump and pg_restore (docs/operations.md)");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database file this URL names ({@code <path>.mv.db}). */
    public Path databaseFile() {
        Path base = Database.h2FileBase(url).orElseThrow();
        return base.resolveSibling(base.getFileName() + MV_DB);
    }

    /** Writes a consistent copy of the live database to {@code target}, which must not exist yet. */
    public void backup(Path target) {
        Path file = target.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new BackupException(file + " already exists; choose a new file name");
        }
        if (!Files.exists(databaseFile())) {
            throw new BackupException("there is no database at " + databaseFile() + " to back up");
        }
        try {
            Files.createDirectories(file.getParent());
            // H2 writes into the file it finds, so the backup keeps this mode, whichever process writes it.
            DataFolder.createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            throw new BackupException(file + " already exists; choose a new file name");
        } catch (IOException e) {
            throw new BackupException("cannot create " + file + ": " + e.getMessage());
        }
        boolean written = false;
        try (Connection connection = DriverManager.getConnection(Database.adminUrl(url) + ";IFEXISTS=TRUE", user, password);
             PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            // BACKUP TO copies the file as written. H2 skips writing a commit when another thread wrote a version
            // while the commit waited for the store (it does that under contention), so one is written first.
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
            // The path is absolute: through a running server's admin port, the server's process writes it.
            backup.setString(1, file.toString());
            backup.execute();
            written = true;
        } catch (SQLException e) {
            throw new BackupException("could not back up " + databaseFile() + ": " + firstLine(e));
        } finally {
            if (!written) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * Restores a backup into a data folder that has no database yet. The file is unpacked next to its final
     * place under a temporary name, opened and checked, and only then moved into place.
     */
    public void restore(Path backup) {
        Path target = databaseFile();
        if (Files.exists(target)) {
            throw new BackupException("a database already exists at " + target + "; restore only into an empty data folder "
                    + "(stop the server and move the old files aside first)");
        }
        if (!Files.isRegularFile(backup)) {
            throw new BackupException("there is no backup file at " + backup.toAbsolutePath());
        }
        Path folder = target.getParent();
        String base = target.getFileName().toString();
        base = base.substring(0, base.length() - MV_DB.length());
        Path staging = folder.resolve(base + "-restoring" + MV_DB);
        try {
            Files.createDirectories(folder);
            unpack(backup, staging);
            check(staging, backup);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new BackupException("a database appeared at " + target + " while restoring; nothing was changed");
            }
        } catch (IOException e) {
            throw new BackupException("could not restore " + backup + ": " + e.getMessage());
        } finally {
            deleteQuietly(staging);
            deleteQuietly(folder.resolve(base + "-restoring.trace.db"));
        }
    }

    private static void unpack(Path backup, Path staging) throws IOException {
        boolean found = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory() || !entry.getName().endsWith(MV_DB)) {
                    continue;
                }
                if (found) {
                    throw new BackupException(backup + " holds more than one H2 database; it is not a Touchmark backup");
                }
                found = true;
                DataFolder.createOwnerOnly(staging); // the restored database keeps this mode
                try (OutputStream out = Files.newOutputStream(staging, StandardOpenOption.WRITE)) {
                    zip.transferTo(out);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new BackupException(backup + " is not a readable backup (damaged or not a zip file): " + e.getMessage());
        }
        if (!found) {
            throw new BackupException(backup + " is not a Touchmark backup: it holds no H2 database file (*.mv.db)");
        }
    }

    /**
     * Opens the unpacked file read-only and checks it is a Touchmark database. A backup opens with this data folder's
     * password, or, made by a version before the generated password, with the empty one (the server then sets this
     * folder's password on it at its first start).
     */
    private void check(Path staging, Path backup) {
        String name = staging.toString();
        String stagingUrl = "jdbc:h2:file:" + name.substring(0, name.length() - MV_DB.length())
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE;ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0";
        try (Connection connection = connect(stagingUrl);
             Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables "
                     + "WHERE LOWER(table_name) IN ('flyway_schema_history', 'brand', 'scan_event')")) {
            int count = 0;
            while (tables.next()) {
                count++;
            }
            if (count < 3) {
                throw new BackupException(backup + " holds an H2 database that is not Touchmark's (no brand, scan or migration tables)");
            }
        } catch (SQLException e) {
            String message = firstLine(e);
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new BackupException(backup + " does not open with the password of this data folder: " + message
                        + ". Put the database.password file kept with the master key of the data folder the backup was"
                        + " made in into this one (or set the TOUCHMARK_DB_PASSWORD it was made with), then restore again");
            }
            throw new BackupException(backup + " holds a damaged or unreadable database: " + message);
        }
    }

    private Connection connect(String stagingUrl) throws SQLException {
        try {
            return DriverManager.getConnection(stagingUrl, user, password);
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD || password.isEmpty()) {
                throw e;
            }
            return DriverManager.getConnection(stagingUrl, user, "");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind under a name no one uses; nothing depends on it.
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Backup or restore is refused or failed; the message says what is wrong. */
    public static final class BackupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BackupException(String message) {
            super(message);
        }
    }
}
