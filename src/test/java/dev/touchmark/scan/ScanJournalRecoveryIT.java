package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.verify.ScanInput;
import dev.touchmark.verify.Verdict;
import dev.touchmark.verify.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan journal on embedded H2, in-process: groups that reached the journal but not the database file (as a
 * crash leaves them) are applied when the next server starts, before it answers, exactly once, and they count
 * for the verdicts that follow. ScanDurabilityIT checks the same through a real SIGKILL.
 */
class ScanJournalRecoveryIT {
    private static final String PHONE_A = "AAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String PHONE_B = "BBBBBBBBBBBBBBBBBBBBBBBBBB";

    @Test
    void groupsTheDatabaseFileLacksAreAppliedAtStartOnceAndCountForLaterVerdicts(@TempDir Path dir) throws Exception {
        TouchmarkConfig config = TestDatabases.h2(dir);
        Path journalDir = ScanJournal.folderFor(Database.h2FileBase(config.dbUrl()).orElseThrow());
        BatchCodes codes;
        try (App app = App.start(config, Clock.systemUTC())) {
            codes = ScanFixtures.releasedCodes(app, "compact");
            assertEquals(Verdict.GENUINE, verify(app, codes.url(0), PHONE_A).verdict());
            assertTrue(Files.isDirectory(journalDir), "the server journals its scans next to the database file");
        }
        assertEquals(List.of(), segments(journalDir), "a clean shutdown leaves the database file complete and no journal");

        long mark;
        long brandId;
        long batchId;
        long firstScan;
        try (Connection c = connect(config); Statement s = c.createStatement()) {
            mark = single(s, "SELECT seq FROM scan_journal_mark");
            brandId = single(s, "SELECT brand_id FROM scan_event");
            batchId = single(s, "SELECT batch_id FROM scan_event");
            firstScan = single(s, "SELECT id FROM scan_event");
            // A scan the file has although its group is above the mark (should H2 keep part of a group).
            s.executeUpdate("INSERT INTO scan_event (id, scanned_at, brand_id, batch_id, code_index, verdict, reason, client_kind,"
                    + " risk) VALUES (900005, CURRENT_TIMESTAMP, " + brandId + ", " + batchId + ", 7, 'not_genuine', 'bad_signature',"
                    + " 'api', 100)");
        }
        assertTrue(mark >= 1, "the group with the first scan is marked as in the tables: " + mark);

        // What a crash leaves: groups in the journal that the database file does not have (mark+1, mark+2), after
        // one it has in part (mark: its first scan, not a second one), and one it has whole although above the mark
        // (mark+3). No scan may be written twice, none left out.
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        try (ScanJournal journal = ScanJournal.open(journalDir, 1 << 20, false)) {
            journal.startAfresh(mark);
            journal.append(JournalCodec.encode(mark, at, 0, List.of(entry(firstScan, brandId, batchId, 0, PHONE_A, "genuine"),
                    forged(900_006, brandId, batchId, 6))));
            journal.append(JournalCodec.encode(mark + 1, at, 2, List.of(
                    entry(900_002, brandId, batchId, 3, PHONE_A, "genuine"),
                    entry(900_003, brandId, batchId, 3, PHONE_A, "genuine"))));
            journal.append(JournalCodec.encode(mark + 2, at.plusSeconds(1), 0, List.of(forged(900_004, brandId, batchId, 4))));
            journal.append(JournalCodec.encode(mark + 3, at.plusSeconds(1), 5, List.of(forged(900_005, brandId, batchId, 7))));
        }
        assertTrue(ScanJournal.holdsUnappliedScans(journalDir));

        try (App app = App.start(config, Clock.systemUTC())) {
            // Code 3 was first scanned (by phone A) in an applied group: phone B now sees it as seen before.
            VerificationResult second = verify(app, codes.url(3), PHONE_B);
            assertEquals(Verdict.SEEN_BEFORE, second.verdict());
            assertEquals(Verdict.SEEN_BEFORE, verify(app, codes.url(0), PHONE_B).verdict());
        }
        checkStored(config, mark + 5); // mark+4 and mark+5: the two scans after the restart

        try (App app = App.start(config, Clock.systemUTC())) {
            assertTrue(app.port() > 0);
        }
        checkStored(config, mark + 5);
        assertEquals(List.of(), segments(journalDir));
    }

    private static void checkStored(TouchmarkConfig config, long minMark) throws Exception {
        try (Connection c = connect(config); Statement s = c.createStatement()) {
            assertEquals(5, single(s, "SELECT COUNT(*) FROM scan_event WHERE id IN (900002, 900003, 900004, 900005, 900006)"),
                    "each once");
            assertEquals(2, single(s, "SELECT scan_count FROM code_state WHERE code_index = 0"), "the first scan counted once");
            assertEquals(3, single(s, "SELECT scan_count FROM code_state WHERE code_index = 3"), "two applied, one after");
            assertEquals(2, single(s, "SELECT device_count FROM code_state WHERE code_index = 3"));
            assertEquals(2, single(s, "SELECT COUNT(*) FROM code_device WHERE code_index = 3"));
            assertEquals(1, single(s, "SELECT COUNT(*) FROM scan_event WHERE id = 900004 AND verdict = 'not_genuine'"
                    + " AND reason = 'bad_signature' AND risk = 100"));
            assertEquals(2, single(s, "SELECT COALESCE(SUM(scans), 0) FROM unreadable_scan_count"),
                    "counted unreadable scans too, not those of the group the file had");
            assertTrue(single(s, "SELECT seq FROM scan_journal_mark") >= minMark);
            assertEquals(single(s, "SELECT COUNT(*) FROM scan_event"), single(s, "SELECT SUM(scan_count) FROM code_state")
                    + single(s, "SELECT COUNT(*) FROM scan_event WHERE id IN (900004, 900005, 900006)"));
        }
    }

    private static JournalCodec.Entry entry(long id, long brandId, long batchId, long index, String device, String verdict) {
        Outcome outcome = new Outcome(verdict, null);
        return new JournalCodec.Entry(id, new ScanToRecord(brandId, batchId, index, true, device, "FR", null, null, "hash", "api",
                "released", Set.of("FR"), null, null), outcome, Assessment.CLEAN);
    }

    private static JournalCodec.Entry forged(long id, long brandId, long batchId, long index) {
        return new JournalCodec.Entry(id, new ScanToRecord(brandId, batchId, index, false, PHONE_B, "FR", null, null, "hash",
                "api", null, null, "bad_signature", null), new Outcome("not_genuine", "bad_signature"),
                new Assessment(100, List.of("forged"), true));
    }

    private static VerificationResult verify(App app, String url, String device) throws Exception {
        return app.scanServices().verification().verify(new ScanInput(url, device, "FR", null, null, "hash", "api")).get();
    }

    private static List<Path> segments(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal"))
                    .filter(f -> f.toFile().length() > 0).toList();
        }
    }

    private static Connection connect(TouchmarkConfig config) throws Exception {
        return DriverManager.getConnection(Database.effectiveUrl(config.dbUrl()), config.dbUser(), config.dbPassword());
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getLong(1);
        }
    }
}
