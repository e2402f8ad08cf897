package dev.touchmark.testsupport;

import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.config.WebhookSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Databases for integration tests: a fresh H2 file, or a fresh database on the local PostgreSQL. */
public final class TestDatabases {
    public static final String PUBLIC_URL = "https://tm.example";
    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabases() {
    }

    /** A config for an H2 file database in a fresh folder. */
    public static TouchmarkConfig h2(Path dir) {
        return new TouchmarkConfig(0, "127.0.0.1", PUBLIC_URL, dir, "jdbc:h2:file:" + dir.resolve("touchmark"), "sa", "",
                Optional.empty(), dir.resolve("master.key"), ScanSettings.defaults(),
                WebhookSettings.defaults());
    }

    /** A fresh PostgreSQL database, dropped on close. */
    public static final class Postgres implements AutoCloseable {
        private final String name;
        private final TouchmarkConfig config;

        private Postgres(String name, TouchmarkConfig config) {
            this.name = name;
            this.config = config;
        }

        public TouchmarkConfig config() {
            return config;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /**
     * Creates a database on 127.0.0.1:5432. If the server is unreachable the test is skipped, except
     * under CI=true, where it fails: CI must never pass without having run on PostgreSQL.
     */
    public static Postgres postgres(Path dir) {
        String name = "tm_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL at 127.0.0.1:5432 is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true requires it)");
            }
            Assumptions.abort(message);
        }
        TouchmarkConfig config = h2(dir).withDbUrl("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
        return new Postgres(name, config);
    }
}
