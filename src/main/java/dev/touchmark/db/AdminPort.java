package dev.touchmark.db;

import dev.touchmark.config.DataFolder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.h2.tools.Server;

/**
 * How admin commands reach an embedded H2 file that a running server holds: the server runs H2's TCP server on the
 * loopback interface, on a port of the system's choosing, and admits only clients naming a random key (H2's
 * {@code -key}); port and key are written to a file beside the database that only the server's user can read, and
 * removed when the server stops. A command that finds the file, and a port that answers, connects through it;
 * otherwise it opens the file itself. (H2's AUTO_SERVER did this before, but it keeps H2's own exit hook, which
 * closed the database under the server's orderly shutdown.)
 */
final class AdminPort implements AutoCloseable {
    private final Server tcp;
    private final Path file;

    private AdminPort(Server tcp, Path file) {
        this.tcp = tcp;
        this.file = file;
    }

    /** The file naming the port and key of the server holding the database at {@code base}. */
    static Path fileFor(Path base) {
        return base.resolveSibling(base.getFileName() + ".admin-port");
    }

    /** Starts H2's TCP server for the database at {@code base} (already open in this process) and writes the file. */
    static AdminPort start(Path base) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Server tcp;
        try {
            tcp = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, "file:" + base).start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the admin port of the embedded database: " + e.getMessage(), e);
        }
        Path file = fileFor(base);
        try {
            Files.deleteIfExists(file); // left by a server that did not stop cleanly
            writeOwnerOnly(file, tcp.getPort() + " " + key + "\n");
        } catch (IOException e) {
            tcp.stop();
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new AdminPort(tcp, file);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            DataFolder.createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process wrote it at the same time");
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /**
     * The TCP URL (without options) of the running server's database at {@code base}, if its file names a port that
     * answers on the loopback interface; empty when no server holds it.
     */
    static Optional<String> urlOf(Path base) {
        Path file = fileFor(base);
        List<String> parts;
        try {
            parts = List.of(Files.readString(file, StandardCharsets.US_ASCII).trim().split(" "));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (parts.size() != 2 || !parts.get(0).matches("\\d{1,5}") || !parts.get(1).matches("[0-9a-f]{48}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(parts.get(0));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        } catch (IOException e) {
            return Optional.empty(); // a server that was killed left the file
        }
        return Optional.of("jdbc:h2:tcp://127.0.0.1:" + port + "/" + parts.get(1));
    }

    @Override
    public void close() {
        tcp.stop();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next server replaces it; a command finds its port closed and opens the file itself.
        }
    }
}
