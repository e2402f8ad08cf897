package dev.touchmark.testsupport;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.db.MigrationLocations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * Upgrade tests: migrate a database to a version, write rows as that version held them (plain SQL, as the code of
 * then wrote them), migrate to the latest version and read what became of them.
 */
public final class Upgrades {
    private Upgrades() {
    }

    /** Migrates to a version (null: the latest). */
    public static void migrate(TouchmarkConfig config, boolean postgres, String target) {
        var flyway = Flyway.configure().dataSource(Database.effectiveUrl(config.dbUrl()), config.dbUser(), config.dbPassword())
                .locations(MigrationLocations.of(postgres));
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    /** A plain connection to the database. */
    public static Connection connect(TouchmarkConfig config) throws SQLException {
        return DriverManager.getConnection(Database.effectiveUrl(config.dbUrl()), config.dbUser(), config.dbPassword());
    }

    /** Runs an insert and answers the id it generated. */
    public static long insert(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            return generated(s);
        }
    }

    /** Runs a prepared insert and answers the id it generated. */
    public static long generated(PreparedStatement s) throws SQLException {
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** A brand and its released batch of 100 codes for France (with a product and a signing key), as rows of V15 on. */
    public record BrandBatch(long brand, long batch) {
    }

    /** Writes a brand with a released batch. */
    public static BrandBatch releasedBatch(Connection c) throws SQLException {
        long brand = insert(c, "INSERT INTO brand (name, created_at) VALUES ('Upgraded', CURRENT_TIMESTAMP)");
        long product = insert(c, "INSERT INTO product (brand_id, name, markets, created_at) VALUES (" + brand
                + ", 'Serum', 'FR', CURRENT_TIMESTAMP)");
        long key;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO signing_key (brand_id, kid, short_kid, public_key,"
                + " private_key_encrypted, status, created_at) VALUES (?, 'kid-1', 'short-1', ?, ?, 'active', CURRENT_TIMESTAMP)",
                new String[] {"id"})) {
            s.setLong(1, brand);
            s.setBytes(2, new byte[32]);
            s.setBytes(3, new byte[48]);
            key = generated(s);
        }
        long batch = insert(c, "INSERT INTO batch (brand_id, product_id, signing_key_id, profile, quantity, markets, status,"
                + " created_at, created_by, status_changed_at, status_changed_by) VALUES (" + brand + ", " + product + ", " + key
                + ", 'compact', 100, 'FR', 'released', CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP, 'test')");
        return new BrandBatch(brand, batch);
    }

    /** Writes a code's state row. */
    public static void codeState(Connection c, long batch, long index, long brand, String country, long scans)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO code_state (batch_id, code_index, brand_id, first_scan_at,"
                + " first_country, last_scan_at, scan_count, device_count) VALUES (?, ?, ?, CURRENT_TIMESTAMP, ?, CURRENT_TIMESTAMP, ?, 1)")) {
            s.setLong(1, batch);
            s.setLong(2, index);
            s.setLong(3, brand);
            s.setString(4, country);
            s.setLong(5, scans);
            s.executeUpdate();
        }
    }

    /** The rows a query answers, each as its values joined by "|" (null as "null"). */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(r.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
