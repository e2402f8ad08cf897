package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.testsupport.UpgradeTest;
import dev.touchmark.testsupport.Upgrades;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * Upgrading to V26 moves each code's last located scan from its own table into the code's state row, where the scan
 * writer reads it for impossible travel; codes never located keep none. On H2 and on PostgreSQL.
 */
class LocationMigrationIT extends UpgradeTest {
    /** The last migration with the code_location table. */
    @Override
    protected String before() {
        return "25";
    }

    @Override
    protected void writeBefore(Connection c, Upgrades.BrandBatch made) throws Exception {
        Upgrades.codeState(c, made.batch(), 1, made.brand(), "FR", 2);
        Upgrades.codeState(c, made.batch(), 2, made.brand(), "FR", 1);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO code_location (batch_id, code_index, scan_id, located_at, lat_tenths, lon_tenths)"
                    + " VALUES (" + made.batch() + ", 1, 77, TIMESTAMP WITH TIME ZONE '2026-03-02 10:00:00+00', 488, 23)");
        }
    }

    @Override
    protected void checkAfter(Connection c, Upgrades.BrandBatch made) throws Exception {
        assertEquals(List.of("1|77|488|23|2026-03-02", "2|null|null|null|null"), Upgrades.rows(c,
                "SELECT code_index, located_scan_id, located_lat_tenths, located_lon_tenths,"
                        + " CAST(CAST(located_at AT TIME ZONE 'UTC' AS DATE) AS VARCHAR(10))"
                        + " FROM code_state WHERE batch_id = " + made.batch() + " ORDER BY code_index"));
    }
}
