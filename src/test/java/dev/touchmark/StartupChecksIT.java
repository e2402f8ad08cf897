package dev.touchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.ConfigException;
import dev.touchmark.config.PortInUseException;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks everything it can before it writes anything: a start that fails leaves the data folder as it was. */
class StartupChecksIT {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void aBusyPortIsNamedWithWhatToDoAndNothingIsWritten(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TouchmarkConfig config = TestDatabases.h2(dir).withPort(taken.getLocalPort());
            PortInUseException e = assertThrows(PortInUseException.class, () -> App.start(config, CLOCK).close());
            assertEquals("port " + taken.getLocalPort() + " is already in use; stop the other process or set TOUCHMARK_PORT"
                    + " (or serve --port) to a free port", e.getMessage());
        }
        assertFalse(Files.exists(dir), "no data folder, database or master key was made");
    }

    @Test
    void aMissingOrWrongMasterKeyIsRefusedInWordsAndLeavesTheDataFolderAsItWas(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        try (App app = App.start(config, CLOCK)) {
            app.services().brands().create("Sealed Brand", "ops@sealed.example");
        }
        Map<String, Long> before = listing(dir);

        TouchmarkConfig lostKey = TestDatabases.h2(dir);
        lostKey = new TouchmarkConfig(0, "127.0.0.1", lostKey.publicUrl(), dir, lostKey.dbUrl(), "sa", "", Optional.empty(),
                dir.resolve("other.key"), lostKey.scans(), lostKey.webhooks());
        TouchmarkConfig lost = lostKey;
        ConfigException missing = assertThrows(ConfigException.class, () -> App.start(lost, CLOCK).close());
        assertTrue(missing.getMessage().contains("holds signing keys sealed with a master key, but there is none at the master key file "
                + dir.resolve("other.key")), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("other.key")), "no stray master key is written");

        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Path wrongFile = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-wrong.key"),
                Base64.getEncoder().encodeToString(other));
        TouchmarkConfig wrong = new TouchmarkConfig(0, "127.0.0.1", config.publicUrl(), dir, config.dbUrl(), "sa", "",
                Optional.empty(), wrongFile, config.scans(), config.webhooks());
        ConfigException mismatch = assertThrows(ConfigException.class, () -> App.start(wrong, CLOCK).close());
        assertTrue(mismatch.getMessage().contains("does not open the signing keys in this database"), mismatch.getMessage());
        assertFalse(mismatch.getMessage().contains("Exception"), mismatch.getMessage());

        TouchmarkConfig malformed = new TouchmarkConfig(0, "127.0.0.1", config.publicUrl(), dir, config.dbUrl(), "sa", "",
                Optional.of("not base64!"), config.masterKeyFile(), config.scans(), config.webhooks());
        assertThrows(ConfigException.class, () -> App.start(malformed, CLOCK).close());
        assertEquals(before.keySet(), listing(dir).keySet(), "the data folder holds the same files");
        Files.delete(wrongFile);
    }

    /** The files of a folder by name, with their sizes. */
    private static Map<String, Long> listing(Path dir) throws Exception {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.toList()) {
                files.put(path.getFileName().toString(), Files.size(path));
            }
        }
        return files;
    }
}
