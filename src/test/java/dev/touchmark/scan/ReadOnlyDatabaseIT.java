package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.TreeMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that turns read-only (a failover in progress, a full disk an operator guards against) while shoppers
 * scan: every scan is answered, 503 with a problem body that says to try again while nothing can be recorded, 200
 * again once it can, never a 500; what was answered 200 is recorded, and no scan answered 503 is.
 */
class ReadOnlyDatabaseIT {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void scansAreAnsweredTryAgainWhileThePostgresDatabaseIsReadOnlyAndRecordedOnceItIsWritable(@TempDir Path dir)
            throws Exception {
        try (TestDatabases.Postgres pg = TestDatabases.postgres(dir); App app = App.start(pg.config(), Clock.systemUTC())) {
            String name = pg.config().dbUrl().substring(pg.config().dbUrl().lastIndexOf('/') + 1);
            BatchCodes codes = ScanFixtures.releasedCodes(app, "compact");
            Http http = new Http(app.port());
            Map<Integer, Integer> answers = new TreeMap<>();
            int recordedAnswers = 0;
            Http.Response first = verify(http, codes.url(0));
            assertEquals(200, first.status(), first.text());
            recordedAnswers++;

            admin("ALTER DATABASE " + name + " SET default_transaction_read_only = on", name);
            Http.Response refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                Http.Response r = verify(http, codes.url(1 + i % 10));
                answers.merge(r.status(), 1, Integer::sum);
                if (r.status() == 200) {
                    recordedAnswers++;
                } else if (r.status() == 503) {
                    refused = r;
                } else {
                    throw new AssertionError("answer " + r.status() + ": " + r.text());
                }
            }
            assertTrue(refused != null, "no 503 while the database was read-only: " + answers);
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused.header("Content-Type"));
            assertTrue(refused.text().contains("try again"), refused.text());

            admin("ALTER DATABASE " + name + " RESET default_transaction_read_only", name);
            boolean recordedAgain = false;
            for (int i = 0; i < 100 && !recordedAgain; i++) {
                Http.Response r = verify(http, codes.url(10 + i % 10));
                answers.merge(r.status(), 1, Integer::sum);
                assertTrue(r.status() == 200 || r.status() == 503, "answer " + r.status() + ": " + r.text());
                if (r.status() == 200) {
                    recordedAgain = true;
                    recordedAnswers++;
                }
            }
            assertTrue(recordedAgain, "scans were not recorded again once the database was writable: " + answers);
            assertEquals(recordedAnswers, app.services().database().dsl().fetchCount(DSL.table("scan_event")),
                    "scans in the log against scans answered 200: " + answers);
        }
    }

    private static Http.Response verify(Http http, String url) {
        return http.post("/api/v1/verify", null, "{\"code\":\"" + url + "\",\"deviceId\":\"READONLYPHONEAAAAAAAAAAAAA\"}");
    }

    /** Runs a statement as the superuser, then ends the server's sessions, so its pool reconnects with the change. */
    private static void admin(String sql, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
    }
}
