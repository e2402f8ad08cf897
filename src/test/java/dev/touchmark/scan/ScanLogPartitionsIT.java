package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan log partitioned by month on PostgreSQL: an existing scan log is converted without losing a row, the next
 * months' partitions are there, nodes create the following ones (also all at once), and retention drops whole
 * partitions and deletes only from the one straddling the cutoff.
 */
class ScanLogPartitionsIT {
    /** The last migration before the scan log was partitioned (V8_1, db/postgresql). */
    private static final String BEFORE_PARTITIONS = "8";

    @Test
    void upgradingKeepsEveryScanAndPartitionsTheMonthsAhead(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            TouchmarkConfig config = pg.config();
            migrateTo(config, BEFORE_PARTITIONS);
            YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
            // Scans from before the upgrade: old ones, this month's, and one two months ahead (a node whose clock ran
            // fast): the upgraded table must cover them all.
            List<Long> before = new ArrayList<>();
            try (Connection c = connect(config)) {
                long brand = insertBrand(c, "Before");
                for (YearMonth month : List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 3), thisMonth.minusMonths(1), thisMonth,
                        thisMonth.plusMonths(2))) {
                    for (int i = 0; i < 3; i++) {
                        before.add(insertScan(c, brand, idIn(month, i)));
                    }
                }
            }
            YearMonth bound = thisMonth.plusMonths(3);
            try (Database database = Database.open(config, 2); Connection c = database.dataSource().getConnection()) {
                assertEquals(new TreeSet<>(before), ids(c, "scan_event"), "every scan from before the upgrade is kept");
                assertEquals("p", single(c, "SELECT relkind::text FROM pg_class WHERE relname = 'scan_event'"));
                String upgraded = "scan_event_before_" + ScanLogPartitions.monthName(bound).substring("scan_event_".length());
                assertEquals(new TreeSet<>(before), ids(c, upgraded), "they stay where they were, in the first partition");
                assertEquals(Set.of(upgraded, ScanLogPartitions.monthName(bound), ScanLogPartitions.monthName(bound.plusMonths(1)),
                        ScanLogPartitions.monthName(bound.plusMonths(2)), ScanLogPartitions.DEFAULT_PARTITION), partitionNames(c));
                assertEquals("FOR VALUES FROM (MINVALUE) TO ('" + ScanLogPartitions.firstId(bound) + "')",
                        single(c, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = '" + upgraded + "'"));

                long brand = insertBrand(c, "After");
                long next = insertScan(c, brand, idIn(bound.plusMonths(1), 7));
                assertEquals(ScanLogPartitions.monthName(bound.plusMonths(1)), partitionOf(c, next));
                long farAhead = insertScan(c, brand, idIn(bound.plusMonths(12), 7));
                assertEquals(ScanLogPartitions.DEFAULT_PARTITION, partitionOf(c, farAhead), "no month is missing a partition");
                assertThrows(SQLException.class, () -> insertScan(c, brand, next),
                        "the primary key is still (id)");
                assertThrows(SQLException.class, () -> execute(c, "INSERT INTO scan_event (id, scanned_at, verdict, client_kind)"
                        + " VALUES (1, now(), 'forged', 'page')"), "the verdict check came along");
                for (String partition : partitionNames(c)) {
                    assertEquals("1", single(c, "SELECT count(*) FROM pg_indexes WHERE tablename = '" + partition
                            + "' AND indexdef LIKE '%(batch_id, code_index)'"), partition + " has the code index");
                }
                execute(c, "DELETE FROM brand WHERE name = 'After'");
                assertEquals(new TreeSet<>(before), ids(c, "scan_event"), "a brand's scans still go with it (foreign key)");
            }
        }
    }

    @Test
    void nodesCreateTheComingMonthsOnceAndMoveTheirScansOutOfTheDefaultPartition(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir);
             Database database = Database.open(pg.config(), 8);
             Connection c = database.dataSource().getConnection()) {
            YearMonth later = YearMonth.now(ZoneOffset.UTC).plusMonths(10);
            long brand = insertBrand(c, "Ahead");
            long early = insertScan(c, brand, idIn(later.plusMonths(1), 1));
            assertEquals(ScanLogPartitions.DEFAULT_PARTITION, partitionOf(c, early));

            Clock clock = Clock.fixed(later.atDay(3).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                ScanLogPartitions partitions = new ScanLogPartitions(database.dsl(), clock);
                runs.add(nodes.submit((Callable<List<String>>) partitions::createAhead));
            }
            List<String> created = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                created.addAll(run.get());
            }
            nodes.shutdown();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= ScanLogPartitions.MONTHS_AHEAD; i++) {
                expected.add(ScanLogPartitions.monthName(later.plusMonths(i)));
            }
            assertEquals(expected, created.stream().sorted().toList(), "each month created once, by one of the nodes");
            assertEquals(ScanLogPartitions.monthName(later.plusMonths(1)), partitionOf(c, early),
                    "the scan that arrived before its month's partition moved into it");
            assertEquals(0, ids(c, ScanLogPartitions.DEFAULT_PARTITION).size());
            assertEquals(List.of(), new ScanLogPartitions(database.dsl(), clock).createAhead(), "nothing left to do");
        }
    }

    @Test
    void retentionDropsWholePartitionsAndDeletesOnlyFromTheOneAcrossTheCutoff(@TempDir Path dir) throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir)) {
            TouchmarkConfig config = pg.config();
            migrateTo(config, BEFORE_PARTITIONS);
            YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
            try (Connection c = connect(config)) {
                insertScan(c, insertBrand(c, "Old"), idIn(thisMonth.minusMonths(2), 0));
            }
            try (Database database = Database.open(config, 2); Connection c = database.dataSource().getConnection()) {
                YearMonth first = thisMonth.plusMonths(1); // the first month with a partition of its own
                long brand = insertBrand(c, "Retained");
                insertScan(c, brand, idIn(first, 1));
                Instant cutoff = first.plusMonths(1).atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC);
                insertScan(c, brand, ScanIds.firstIdAt(cutoff.toEpochMilli() - 1));
                long atCutoff = insertScan(c, brand, ScanIds.firstIdAt(cutoff.toEpochMilli()));
                long nextMonth = insertScan(c, brand, idIn(first.plusMonths(2), 1));

                Duration retention = Duration.ofDays(730);
                Clock clock = Clock.fixed(cutoff.plus(retention), ZoneOffset.UTC);
                long deleted;
                try (RetentionJob job = new RetentionJob(new ScanRepository(database.dsl(), true), clock, retention)) {
                    deleted = job.runOnce();
                }
                assertEquals(1, deleted, "only the straddling month is deleted from row by row");
                assertEquals(new TreeSet<>(List.of(atCutoff, nextMonth)), ids(c, "scan_event"));
                Set<String> partitions = partitionNames(c);
                assertTrue(partitions.stream().noneMatch(p -> p.startsWith("scan_event_before_")), "the upgraded one went: " + partitions);
                assertTrue(!partitions.contains(ScanLogPartitions.monthName(first)), "so did the first month's: " + partitions);
                assertTrue(partitions.contains(ScanLogPartitions.monthName(first.plusMonths(1))), "the straddling month stays");
                assertTrue(partitions.contains(ScanLogPartitions.monthName(first.plusMonths(2))));
                assertTrue(partitions.contains(ScanLogPartitions.monthName(YearMonth.now(clock).plusMonths(ScanLogPartitions.MONTHS_AHEAD))),
                        "and the job made the months ahead of its clock: " + partitions);
            }
        }
    }

    static void migrateTo(TouchmarkConfig config, String version) {
        Flyway.configure().dataSource(config.dbUrl(), config.dbUser(), config.dbPassword())
                .locations(MigrationLocations.of(true)).target(version).load().migrate();
    }

    private static Connection connect(TouchmarkConfig config) throws SQLException {
        return DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword());
    }

    /** An id of a scan in a month (on its second day, plus some milliseconds). */
    private static long idIn(YearMonth month, int n) {
        return ScanIds.firstIdAt(month.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + n * 1000L) + n;
    }

    private static long insertBrand(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO brand (name, created_at) VALUES (?, now()) RETURNING id")) {
            insert.setString(1, name);
            try (ResultSet r = insert.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long insertScan(Connection c, long brand, long id) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id, batch_id, code_index,"
                + " verdict, client_kind) VALUES (?, now(), ?, 1, 1, 'genuine', 'page')")) {
            insert.setLong(1, id);
            insert.setLong(2, brand);
            insert.executeUpdate();
        }
        return id;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static Set<Long> ids(Connection c, String table) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM " + table)) {
            Set<Long> ids = new TreeSet<>();
            while (r.next()) {
                ids.add(r.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partitionOf(Connection c, long id) throws SQLException {
        return single(c, "SELECT tableoid::regclass::text FROM scan_event WHERE id = " + id);
    }

    private static Set<String> partitionNames(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'scan_event'::regclass")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names.stream().collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
