package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin commands reach an embedded database a server holds through the server's admin port: the port and its key
 * are in a file only the server's user can read, a client without the key is refused, and the file goes when the
 * server stops (a command then opens the file itself).
 */
class AdminPortIT {
    @Test
    void commandsReachARunningServersDatabaseOnlyWithItsKey(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        Path base = Database.h2FileBase(config.dbUrl()).orElseThrow();
        Path portFile = AdminPort.fileFor(base);
        try (App app = App.start(config, Clock.systemUTC())) {
            assertTrue(Files.exists(portFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile)));
            String url = Database.adminUrl(config.dbUrl());
            assertTrue(url.startsWith("jdbc:h2:tcp://127.0.0.1:"), url);
            String password = H2Password.read(config).dbPassword();
            try (Connection connection = DriverManager.getConnection(url, config.dbUser(), password);
                 ResultSet brands = connection.createStatement().executeQuery("SELECT count(*) FROM brand")) {
                assertTrue(brands.next());
            }
            String port = Files.readString(portFile).trim().split(" ")[0];
            assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/"
                    + base + ";IFEXISTS=TRUE", config.dbUser(), password).close(), "the database's own name is not the key");
        }
        assertFalse(Files.exists(portFile), "a server that stopped leaves no admin port behind");
        assertTrue(Database.adminUrl(config.dbUrl()).startsWith("jdbc:h2:file:"));
    }
}
