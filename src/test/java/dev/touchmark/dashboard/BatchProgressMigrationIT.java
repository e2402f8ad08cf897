package dev.touchmark.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.db.MigrationLocations;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading to V17 fills each batch's progress from what was recorded before: codes from the code states, scans and
 * suspect verdicts from the scan log (forgeries that claim the batch left out). On H2 and on PostgreSQL.
 */
class BatchProgressMigrationIT {
    /** A migration before the batch progress rollups (V17); later ones run with it. */
    private static final String BEFORE = "15";

    @Test
    void upgradingAnH2DatabaseCountsWhatWasRecordedBefore(@TempDir Path dir) throws Exception {
        upgradeAndCheck(TestDatabases.h2(dir), false);
    }

    @Test
    void upgradingAPostgresDatabaseCountsWhatWasRecordedBefore(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            upgradeAndCheck(pg.config(), true);
        }
    }

    private static void upgradeAndCheck(TouchmarkConfig config, boolean postgres) throws Exception {
        migrate(config, postgres, BEFORE);
        long batch;
        long brand;
        try (Connection c = connect(config)) {
            brand = insert(c, "INSERT INTO brand (name, created_at) VALUES ('Upgraded', CURRENT_TIMESTAMP)");
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
            batch = insert(c, "INSERT INTO batch (brand_id, product_id, signing_key_id, profile, quantity, markets, status,"
                    + " created_at, created_by, status_changed_at, status_changed_by) VALUES (" + brand + ", " + product + ", " + key
                    + ", 'compact', 100, 'FR', 'released', CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP, 'test')");
            // Code 1 first scanned in France, then in Belgium (suspect twice); code 2 in France; code 3 nowhere known.
            codeState(c, batch, 1, brand, "FR", 3);
            codeState(c, batch, 2, brand, "FR", 1);
            codeState(c, batch, 3, brand, null, 1);
            scan(c, 1, brand, batch, 1, "genuine", "FR");
            scan(c, 2, brand, batch, 1, "suspect", "BE");
            scan(c, 3, brand, batch, 1, "suspect", "BE");
            scan(c, 4, brand, batch, 2, "genuine", "FR");
            scan(c, 5, brand, batch, 3, "genuine", null);
            scan(c, 6, brand, batch, 4, "not_genuine", "DE"); // a forgery claiming code 4: not a scan of the batch
        }
        migrate(config, postgres, null);
        try (Connection c = connect(config)) {
            assertEquals(List.of("|1|1|0", "BE|2|0|2", "FR|2|2|0"), rows(c, "SELECT country, scans, codes, suspect"
                    + " FROM scan_batch_country WHERE brand_id = " + brand + " AND batch_id = " + batch + " ORDER BY country"));
            assertEquals(List.of("1"), rows(c, "SELECT code_index FROM suspect_code WHERE batch_id = " + batch));
        }
    }

    private static void migrate(TouchmarkConfig config, boolean postgres, String target) {
        var flyway = Flyway.configure().dataSource(Database.effectiveUrl(config.dbUrl()), config.dbUser(), config.dbPassword())
                .locations(MigrationLocations.of(postgres));
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    private static Connection connect(TouchmarkConfig config) throws SQLException {
        return DriverManager.getConnection(Database.effectiveUrl(config.dbUrl()), config.dbUser(), config.dbPassword());
    }

    private static long insert(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            return generated(s);
        }
    }

    private static long generated(PreparedStatement s) throws SQLException {
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void codeState(Connection c, long batch, long index, long brand, String country, long scans) throws SQLException {
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

    private static void scan(Connection c, long id, long brand, long batch, long index, String verdict, String country)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id, batch_id, code_index,"
                + " verdict, country, client_kind) VALUES (?, CURRENT_TIMESTAMP, ?, ?, ?, ?, ?, 'page')")) {
            s.setLong(1, id);
            s.setLong(2, brand);
            s.setLong(3, batch);
            s.setLong(4, index);
            s.setString(5, verdict);
            s.setString(6, country);
            s.executeUpdate();
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
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
