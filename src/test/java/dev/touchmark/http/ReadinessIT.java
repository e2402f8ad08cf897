package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.time.Clock;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** GET /readyz tells a load balancer whether this node may take traffic. */
class ReadinessIT {
    @Test
    void aNodeWhoseDatabaseLacksAMigrationAnswers503WithTheReason() throws Exception {
        try (App app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-ready-")), Clock.systemUTC())) {
            Http http = new Http(app.port());
            assertEquals(200, http.get("/readyz", null).status());

            // As if this build shipped a migration the database has not seen yet.
            DSLContext dsl = app.services().database().dsl();
            dsl.execute("DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");

            Http.Response r = http.get("/readyz", null);
            assertEquals(503, r.status(), r.text());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
            assertEquals("1 database migration(s) not applied yet", r.json().get("detail").asText());
            assertEquals(200, http.get("/healthz", null).status(), "liveness does not depend on migrations");
        }
    }
}
