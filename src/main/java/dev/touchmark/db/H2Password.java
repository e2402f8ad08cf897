package dev.touchmark.db;

import dev.touchmark.config.ConfigException;
import dev.touchmark.config.DataFolder;
import dev.touchmark.config.TouchmarkConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of an embedded H2 database. H2 makes whoever creates a database its admin, with the password that
 * first connection names; with user sa and an empty password (H2's default), anyone who reaches the
 * file or its server is admin. Unless TOUCHMARK_DB_PASSWORD is set (not empty), the first start generates a random
 * password, sets it on the database (a new one, or one from before, which opens with the empty password) and keeps
 * it in {@code database.password} in the data folder, readable by its owner only, beside the master key.
 *
 * <p>Crash-safe order: the new password is written (and forced to disk) under a temporary name first, then set on
 * the database, then the file is renamed into place. A start that finds the temporary file tries its password, then
 * the empty one, and finishes the change; a start that finds the file and a database opening only with the empty
 * password (a backup from before, restored) sets the file's password on it.
 */
public final class H2Password {
    private static final Logger LOG = LoggerFactory.getLogger(H2Password.class);
    private static final String FILE_NAME = "database.password";
    private static final String LEGACY_PASSWORD = "";
    private static final int RANDOM_BYTES = 32;
    /** 32 bytes in unpadded base64url. */
    private static final String FORMAT = "[A-Za-z0-9_-]{43}";

    private H2Password() {
    }

    /** The file that keeps the password of the embedded database of a data folder. */
    public static Path fileIn(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    private static Path pendingFile(Path dataDir) {
        return dataDir.resolve(FILE_NAME + ".new");
    }

    /** True when Touchmark keeps this database's password: an embedded H2 file, and TOUCHMARK_DB_PASSWORD not set. */
    static boolean kept(TouchmarkConfig config) {
        return Database.h2FileBase(config.dbUrl()).isPresent() && config.dbPassword().isEmpty();
    }

    /**
     * The config with the kept password, read from its file, for a database whose password is set already (one a
     * server holds, or a backup); unchanged when Touchmark does not keep it or the file does not exist yet (no
     * database, or one from before that still opens with the empty password).
     */
    public static TouchmarkConfig read(TouchmarkConfig config) {
        if (!kept(config)) {
            return config;
        }
        Path file = fileIn(config.dataDir());
        if (!Files.exists(file)) {
            return config;
        }
        return withPassword(config, readFile(file).orElseThrow(() -> damaged(file)));
    }

    /**
     * Makes sure the database opens with the kept password only, generating and setting one on first run or on a
     * database from before; returns the config with it. Opens the file itself, so not while a server holds it.
     */
    static TouchmarkConfig establish(TouchmarkConfig config, String jdbcUrl) {
        if (!kept(config)) {
            return config;
        }
        Path dir = config.dataDir();
        DataFolder.prepare(dir); // created owner-only if missing; the server warns about an existing one
        Path file = fileIn(dir);
        Path pending = pendingFile(dir);
        try {
            if (Files.exists(file)) {
                String password = readFile(file).orElseThrow(() -> damaged(file));
                if (!opens(jdbcUrl, config.dbUser(), password)) {
                    setFromLegacy(jdbcUrl, config.dbUser(), password, file);
                }
                return withPassword(config, password);
            }
            Optional<String> unfinished = Files.exists(pending) ? readFile(pending) : Optional.empty();
            String password;
            if (unfinished.isPresent()) {
                password = unfinished.get();
                if (!opens(jdbcUrl, config.dbUser(), password)) {
                    setFromLegacy(jdbcUrl, config.dbUser(), password, file);
                }
            } else {
                // None, or damaged by a crash while it was written: its password was never set.
                password = generate();
                writePending(pending, password);
                setFromLegacy(jdbcUrl, config.dbUser(), password, file);
            }
            DataFolder.ownerOnly(pending); // left by a start cut short: owner-only already, unless put there by hand
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("Set a generated password on the embedded database; it is kept in {} (readable only by its owner)."
                    + " Back it up with the master key: a backup of the database opens only with it.", file);
            return withPassword(config, password);
        } catch (IOException e) {
            throw new ConfigException("cannot write the database password file " + file + " (" + e.getMessage()
                    + "); run the server as the user that owns TOUCHMARK_DATA_DIR");
        }
    }

    private static TouchmarkConfig withPassword(TouchmarkConfig config, String password) {
        return config.withDbUrl(config.dbUrl(), config.dbUser(), password);
    }

    private static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePending(Path pending, String password) throws IOException {
        Files.deleteIfExists(pending);
        DataFolder.createOwnerOnly(pending);
        try (OutputStream out = Files.newOutputStream(pending, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            out.write((password + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The password a file holds, or empty if it does not hold one (a write a crash cut short). */
    private static Optional<String> readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches(FORMAT) ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("cannot read the database password file " + file + " (" + e.getMessage()
                    + "); run this as the user that owns TOUCHMARK_DATA_DIR");
        }
    }

    private static ConfigException damaged(Path file) {
        return new ConfigException("the database password file " + file + " does not hold a password Touchmark wrote"
                + " (43 characters of base64url); restore it from the backup kept with the master key");
    }

    /** True if the database opens (or is created) with this password, false if H2 refuses it. */
    private static boolean opens(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                return false;
            }
            throw cannotOpen(url, e);
        }
    }

    /** Opens the database with the empty password of earlier versions (creating it if new) and sets this one. */
    private static void setFromLegacy(String url, String user, String password, Path file) {
        try (Connection connection = DriverManager.getConnection(url, user, LEGACY_PASSWORD);
             PreparedStatement alter = connection.prepareStatement("ALTER USER " + quoted(user) + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.execute();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new ConfigException("the embedded database opens neither with the password in " + file
                        + " nor with the empty one of earlier versions (for TOUCHMARK_DB_USER=" + user + "). Put back the"
                        + " database.password file of this database (kept with the master key), or, if the database was"
                        + " made with TOUCHMARK_DB_PASSWORD, set that again");
            }
            throw cannotOpen(url, e);
        }
    }

    /** H2 keeps user names in upper case; a quoted name is matched as written. */
    private static String quoted(String user) {
        return "\"" + user.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + "\"";
    }

    private static ConfigException cannotOpen(String url, SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ConfigException("cannot open the database at " + Database.h2FileBase(url).map(Path::toString).orElse(url)
                + ": " + message.lines().findFirst().orElse(message));
    }
}
