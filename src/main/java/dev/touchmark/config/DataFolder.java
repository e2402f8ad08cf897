package dev.touchmark.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The data folder (the embedded database, the master key, the admin port) is for the server's own user only. A
 * folder Touchmark creates is made owner-only explicitly, whatever the umask; an existing one is not changed (it may
 * be shared on purpose, or not the operator's to change), but a start-up warning says when others can enter it.
 */
public final class DataFolder {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataFolder() {
    }

    /**
     * Creates the folder, owner-only, if it does not exist; returns a warning for the operator when an existing one
     * lets other users in. Fails with a message saying what to do when it cannot be created or written.
     */
    public static Optional<String> prepare(Path dir) {
        boolean existed = Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
            if (!existed && posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | SecurityException e) {
            throw new ConfigException("TOUCHMARK_DATA_DIR " + dir + " does not exist and cannot be created ("
                    + e.getMessage() + "); create it, or point TOUCHMARK_DATA_DIR at a folder this user can write to");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("TOUCHMARK_DATA_DIR " + dir + " is read-only for this user; give it write access (the"
                    + " database and the master key live there), or point TOUCHMARK_DATA_DIR at a writable folder");
        }
        if (!posix(dir)) {
            return Optional.empty(); // its own access rules apply
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream().noneMatch(OTHERS::contains)) {
                return Optional.empty();
            }
            return Optional.of("TOUCHMARK_DATA_DIR " + dir + " lets other users of this machine in ("
                    + PosixFilePermissions.toString(permissions) + "): the database and the master key are there. Make it"
                    + " owner-only: chmod 700 " + dir);
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of TOUCHMARK_DATA_DIR " + dir + " (" + e.getMessage()
                    + "); make sure only this user can enter it");
        }
    }

    /**
     * Creates a file readable and writable by its owner only (where the file system has modes); fails with
     * FileAlreadyExistsException if it exists.
     */
    public static void createOwnerOnly(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes a file of the data folder readable and writable by its owner only (where the file system has modes). */
    public static void ownerOnly(Path file) {
        if (!posix(file) || !Files.exists(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new ConfigException("cannot make " + file + " readable by its owner only (" + e.getMessage()
                    + "); run the server as the user that owns TOUCHMARK_DATA_DIR");
        }
    }
}
