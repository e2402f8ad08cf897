package dev.touchmark.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.testsupport.UpgradeTest;
import dev.touchmark.testsupport.Upgrades;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Upgrading to V28 keeps each run sighting under its code's half-block of 32 indexes instead of its block of 64 (and a
 * code that came back on a second phone only under the negative half-block), so a run counted before the upgrade is
 * counted the same after it. On H2 and on PostgreSQL.
 */
class RunSightingMigrationIT extends UpgradeTest {
    /** The last migration with run sightings per block of 64. */
    @Override
    protected String before() {
        return "27";
    }

    @Override
    protected void writeBefore(Connection c, Upgrades.BrandBatch made) throws Exception {
        try (Statement s = c.createStatement()) {
            // Block 0 holds codes 5 and 40, block 1 codes 64 and 99; code 70 came back on a second phone (-1 - 1).
            for (long[] row : new long[][] {{0, 5}, {0, 40}, {1, 64}, {1, 99}, {-2, 70}}) {
                s.executeUpdate("INSERT INTO run_sighting (brand_id, batch_id, run_block, code_index, scan_id, seen_at) VALUES ("
                        + made.brand() + ", " + made.batch() + ", " + row[0] + ", " + row[1] + ", " + (100 + row[1])
                        + ", TIMESTAMP WITH TIME ZONE '2026-03-02 10:00:00+00')");
            }
        }
    }

    @Override
    protected void checkAfter(Connection c, Upgrades.BrandBatch made) throws Exception {
        assertEquals(List.of("-3|70|170", "0|5|105", "1|40|140", "2|64|164", "3|99|199"), Upgrades.rows(c,
                "SELECT run_block, code_index, scan_id FROM run_sighting WHERE batch_id = " + made.batch()
                        + " ORDER BY run_block, code_index"));
    }
}
