package dev.touchmark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's three brands and their alliance, seeded with a month of scans on a fresh H2 database, and not again on the next start. */
class DemoDataIT {

    @Test
    void theDemoSeedsThreeBrandsWithAMonthOfScansAlertsAndAnAllianceOnceOnly() throws Exception {
        Path dir = Files.createTempDirectory("touchmark-demo-");
        TouchmarkConfig config = TestDatabases.h2(dir);
        List<Long> firstTotals;
        try (App app = start(config)) {
            List<DemoData.Summary> brands = DemoData.ensure(app, clockOf(app));
            assertEquals(3, brands.size());
            assertEquals(3, app.services().brands().list().size());
            Http http = new Http(app.port());
            firstTotals = new ArrayList<>();
            for (DemoData.Summary brand : brands) {
                assertTrue(brand.seededNow());
                String key = brand.apiKey().orElseThrow();
                assertFalse(app.services().users().list(brand.brand().id()).get(0).mustChangePassword(),
                        "demo users sign in with the printed password, without being asked to change it");
                Set<String> rules = new HashSet<>();
                http.get("/api/v1/alerts?limit=500", key).json().path("items").forEach(a -> rules.add(a.path("rule").asText()));
                assertTrue(rules.containsAll(Set.of("cloned_code", "out_of_market", "unreleased_scan", "forged_code")),
                        brand.brand().name() + " has alerts " + rules);
                JsonNode overview = http.get("/api/v1/stats/overview", key).json();
                long daysWithScans = 0;
                for (JsonNode day : overview.path("daily")) {
                    daysWithScans += day.path("scans").asLong() > 0 ? 1 : 0;
                }
                assertTrue(daysWithScans >= 28, brand.brand().name() + " has scans on " + daysWithScans + " days: " + overview);
                assertEquals(brand.scans(), overview.path("scans30Days").asLong(), overview.toString());
                firstTotals.add(overview.path("scans30Days").asLong());
                assertTrue(brand.codesToTry().keySet().stream().anyMatch(k -> k.startsWith("counterfeit")));
            }
            // The counterfeit market two brands share: a hotspot and a seller each sees, correlated for both.
            var alliance = app.services().alliances().getByName(DemoData.ALLIANCE);
            assertEquals(3, alliance.members());
            for (DemoData.Summary brand : brands.subList(0, 2)) {
                String key = brand.apiKey().orElseThrow();
                JsonNode intel = http.get("/api/v1/alliances/" + alliance.id() + "/intel", key).json();
                Set<String> seenByUs = new HashSet<>();
                intel.path("items").forEach(i -> {
                    if (i.path("seenByUs").asBoolean() && i.path("members").asInt() >= 2) {
                        seenByUs.add(i.path("signalClass").asText());
                    }
                });
                assertTrue(seenByUs.containsAll(Set.of("hotspots", "sellers")), brand.brand().name() + ": " + intel);
                JsonNode matches = http.get("/api/v1/alerts?rule=alliance_match", key).json().path("items");
                assertTrue(matches.size() >= 2, brand.brand().name() + " has alliance alerts " + matches);
                assertTrue(matches.toString().contains("bkk-luxury-outlet.example/shop/12"), matches.toString());
            }
        }
        try (App app = start(config)) {
            List<DemoData.Summary> again = DemoData.ensure(app, clockOf(app));
            assertEquals(3, app.services().brands().list().size());
            assertEquals(1, app.services().alliances().list().size());
            assertTrue(again.stream().noneMatch(DemoData.Summary::seededNow));
            assertTrue(again.stream().allMatch(s -> s.apiKey().isEmpty()));
            assertEquals(4, again.get(0).codesToTry().size());
        }
    }

    private final Map<App, DemoClock> clocks = new IdentityHashMap<>();

    private App start(TouchmarkConfig config) {
        DemoClock clock = new DemoClock(Clock.systemUTC());
        App app = App.start(config, clock);
        clocks.put(app, clock);
        return app;
    }

    private DemoClock clockOf(App app) {
        return clocks.get(app);
    }
}
