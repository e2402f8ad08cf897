package dev.touchmark.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.testsupport.UpgradeTest;
import dev.touchmark.testsupport.Upgrades;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Upgrading to V17 fills each batch's progress from what was recorded before: codes from the code states, scans and
 * suspect verdicts from the scan log (forgeries that claim the batch left out). On H2 and on PostgreSQL.
 */
class BatchProgressMigrationIT extends UpgradeTest {
    /** A migration before the batch progress rollups (V17); later ones run with it. */
    @Override
    protected String before() {
        return "15";
    }

    @Override
    protected void writeBefore(Connection c, Upgrades.BrandBatch made) throws Exception {
        long brand = made.brand();
        long batch = made.batch();
        // Code 1 first scanned in France, then in Belgium (suspect twice); code 2 in France; code 3 nowhere known.
        Upgrades.codeState(c, batch, 1, brand, "FR", 3);
        Upgrades.codeState(c, batch, 2, brand, "FR", 1);
        Upgrades.codeState(c, batch, 3, brand, null, 1);
        scan(c, 1, brand, batch, 1, "genuine", "FR");
        scan(c, 2, brand, batch, 1, "suspect", "BE");
        scan(c, 3, brand, batch, 1, "suspect", "BE");
        scan(c, 4, brand, batch, 2, "genuine", "FR");
        scan(c, 5, brand, batch, 3, "genuine", null);
        scan(c, 6, brand, batch, 4, "not_genuine", "DE"); // a forgery claiming code 4: not a scan of the batch
    }

    @Override
    protected void checkAfter(Connection c, Upgrades.BrandBatch made) throws Exception {
        assertEquals(List.of("|1|1|0", "BE|2|0|2", "FR|2|2|0"), Upgrades.rows(c, "SELECT country, scans, codes, suspect"
                + " FROM scan_batch_country WHERE brand_id = " + made.brand() + " AND batch_id = " + made.batch()
                + " ORDER BY country"));
        assertEquals(List.of("1"), Upgrades.rows(c, "SELECT code_index FROM suspect_code WHERE batch_id = " + made.batch()));
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
}
