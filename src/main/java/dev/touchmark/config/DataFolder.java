package dev.touchmark.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder (the embedded database and its password, the master key, the admin port) is for the server's own
 * user only. A folder Touchmark creates is made owner-only explicitly, whatever the umask, and so are the files it
 * writes there; an existing folder is not changed (it may be shared on purpose, or not the operator's to change), but
 * a start-up warning says when others can enter it, or when files in it are open to others.
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
     * A warning for the operator naming the files and folders inside the data folder that other users could read or
     * write (what an older version or H2 made with the umask's mode, a copy put there by hand), with the chmod that
     * makes them owner-only; empty when there are none. The owner-only folder keeps others out of them, but only as
     * long as it stays owner-only.
     */
    public static Optional<String> exposedFiles(Path dir) {
        if (!posix(dir) || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<String> exposed = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : (Iterable<Path>) entries.skip(1)::iterator) {
                if (Files.isSymbolicLink(entry)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    exposed.add(dir.relativize(entry) + " (" + PosixFilePermissions.toString(permissions) + ")");
                    paths.add(entry.toString());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("cannot read the permissions of the files in TOUCHMARK_DATA_DIR " + dir + " ("
                    + e.getMessage() + "); make sure only this user can read them");
        }
        if (exposed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("files in TOUCHMARK_DATA_DIR " + dir + " that other users of this machine may read or write"
                + " (only the folder's own permissions keep them out): " + String.join(", ", exposed)
                + ". Make them owner-only: chmod go= " + String.join(" ", paths));
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
