package dev.touchmark.alliance;

import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.Http;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The alliance's intelligence through the API: what each member sees of the others' signals, under the anonymity
 * floor and the members' chosen names, and correlation into alerts; H2 and PostgreSQL. Signals are seeded in the
 * rollups and alerts they are worked out from (the scan writer's part is covered by the detection tests).
 */
abstract class IntelContract extends AllianceServer {
    private int cellCounter = 0;

    private DSLContext dsl() {
        return app.services().database().dsl();
    }

    private Alliance alliance() {
        return alliances().create("Intel alliance " + suffix(), 20, OPERATOR);
    }

    private BrandService.CreatedBrand member(Alliance alliance, String name) {
        BrandService.CreatedBrand brand = brand(name);
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null).status());
        return brand;
    }

    private void share(Alliance alliance, BrandService.CreatedBrand brand, String body) {
        Http.Response r = http.send("PUT", "/api/v1/alliances/" + alliance.id() + "/sharing", brand.apiKey(), body);
        assertEquals(200, r.status(), r.text());
    }

    /** A cell no other test uses (the rollups are per brand, but distinct cells keep the assertions simple). */
    private String freshCell() {
        return (100 + cellCounter++) + ":" + (20 + hashCode() % 7);
    }

    /** A hotspot of the brand in a cell: suspect scans in the rollup and the hotspot alert detection raised. */
    private void hotspot(BrandService.CreatedBrand brand, String cell, long suspect, LocalDate day) {
        OffsetDateTime at = day.atTime(12, 0).atOffset(ZoneOffset.UTC);
        dsl().insertInto(SCAN_CELL_DAY).set(SCAN_CELL_DAY.BRAND_ID, brand.brand().id()).set(SCAN_CELL_DAY.SCAN_DATE, day)
                .set(SCAN_CELL_DAY.CELL, cell).set(SCAN_CELL_DAY.SCANS, suspect * 2).set(SCAN_CELL_DAY.SUSPECT, suspect)
                .set(SCAN_CELL_DAY.FORGED, 0L).execute();
        dsl().insertInto(ALERT).set(ALERT.BRAND_ID, brand.brand().id()).set(ALERT.RULE, "hotspot")
                .set(ALERT.SUBJECT, "cell:" + cell).set(ALERT.OPEN_SUBJECT, "cell:" + cell).set(ALERT.SEVERITY, "high")
                .set(ALERT.STATUS, "open").set(ALERT.SUMMARY, "hotspot").set(ALERT.HITS, suspect)
                .set(ALERT.FIRST_SEEN_AT, at).set(ALERT.LAST_SEEN_AT, at).set(ALERT.UPDATED_AT, at).execute();
    }

    private void forged(BrandService.CreatedBrand brand, String cell, long forged, LocalDate day) {
        dsl().insertInto(SCAN_CELL_DAY).set(SCAN_CELL_DAY.BRAND_ID, brand.brand().id()).set(SCAN_CELL_DAY.SCAN_DATE, day)
                .set(SCAN_CELL_DAY.CELL, cell).set(SCAN_CELL_DAY.SCANS, forged).set(SCAN_CELL_DAY.SUSPECT, 0L)
                .set(SCAN_CELL_DAY.FORGED, forged).execute();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private JsonNode intel(Alliance alliance, BrandService.CreatedBrand brand, String query) {
        Http.Response r = http.get("/api/v1/alliances/" + alliance.id() + "/intel" + query, brand.apiKey());
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private static List<JsonNode> items(JsonNode page, String cls, String key) {
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(i -> {
            if (i.get("signalClass").asText().equals(cls) && i.get("key").asText().equals(key)) {
                found.add(i);
            }
        });
        return found;
    }

    private List<JsonNode> allianceAlerts(BrandService.CreatedBrand brand) {
        Http.Response r = http.get("/api/v1/alerts?rule=alliance_match", brand.apiKey());
        assertEquals(200, r.status(), r.text());
        List<JsonNode> alerts = new ArrayList<>();
        JsonNode list = r.json().get("items");
        list.forEach(alerts::add);
        return alerts;
    }

    @Test
    void anonymousItemsAppearOnlyOnceThreeMembersShareTheClass() {
        Alliance alliance = alliance();
        var a = member(alliance, "Anon");
        var b = member(alliance, "Bnon");
        var c = member(alliance, "Cnon");
        String cell = freshCell();
        hotspot(a, cell, 4, today().minusDays(2));
        share(alliance, a, "{\"hotspots\":\"anonymous\"}");
        share(alliance, b, "{\"hotspots\":\"anonymous\"}");
        app.intel().refresh();
        assertTrue(items(intel(alliance, c, ""), "hotspots", cell).isEmpty(), "two sharers: below the floor");

        share(alliance, c, "{\"hotspots\":\"anonymous\"}");
        app.intel().refresh();
        List<JsonNode> seen = items(intel(alliance, c, ""), "hotspots", cell);
        assertEquals(1, seen.size());
        assertEquals(1, seen.get(0).get("members").asInt());
        assertEquals(0, seen.get(0).get("namedMembers").size());
        assertEquals(4, seen.get(0).get("count").asLong());
        assertFalse(seen.get(0).get("seenByUs").asBoolean());
        assertFalse(intel(alliance, c, "").toString().contains(a.brand().name()), "an anonymous sharer is never named");
    }

    @Test
    void namedItemsAreShownWithTheirNameWithoutTheFloor() {
        Alliance alliance = alliance();
        var a = member(alliance, "Named");
        var b = member(alliance, "Reader");
        String cell = freshCell();
        forged(a, cell, 3, today().minusDays(1));
        share(alliance, a, "{\"forgery_waves\":\"named\"}");
        app.intel().refresh();
        JsonNode page = intel(alliance, b, "?class=forgery_waves");
        String key = SignalRepository.waveKey(cell, today().minusDays(1));
        List<JsonNode> seen = items(page, "forgery_waves", key);
        assertEquals(1, seen.size(), page.toString());
        assertEquals(a.brand().name(), seen.get(0).get("namedMembers").get(0).asText());
        assertEquals(3, seen.get(0).get("count").asLong());
        assertTrue(seen.get(0).has("lat"));
    }

    @Test
    void unsharedAndWithdrawnSignalsNeverReachOtherMembers() {
        Alliance alliance = alliance();
        var a = member(alliance, "Private");
        var b = member(alliance, "Bystander");
        var c = member(alliance, "Cbystander");
        String cell = freshCell();
        hotspot(a, cell, 5, today());
        share(alliance, b, "{\"hotspots\":\"named\"}");
        share(alliance, c, "{\"hotspots\":\"named\"}");
        app.intel().refresh();
        assertTrue(items(intel(alliance, b, ""), "hotspots", cell).isEmpty(), "a does not share hotspots");

        share(alliance, a, "{\"hotspots\":\"named\"}");
        app.intel().refresh();
        assertEquals(1, items(intel(alliance, b, ""), "hotspots", cell).size());

        share(alliance, a, "{\"hotspots\":\"none\"}");
        assertTrue(items(intel(alliance, b, ""), "hotspots", cell).isEmpty(), "withdrawn: gone at once, before a refresh");
    }

    @Test
    void aSignalSeenByAnotherMemberBecomesAnAllianceMatchAlertOnce() {
        Alliance alliance = alliance();
        var a = member(alliance, "Matcher");
        var b = member(alliance, "Sharer");
        String cell = freshCell();
        hotspot(a, cell, 3, today().minusDays(3));
        hotspot(b, cell, 6, today().minusDays(1));
        share(alliance, b, "{\"hotspots\":\"named\"}");
        int first = app.intel().refresh();
        assertTrue(first >= 1, "a's hotspot matches b's");
        List<JsonNode> alerts = allianceAlerts(a);
        assertEquals(1, alerts.size(), alerts.toString());
        String summary = alerts.get(0).get("summary").asText();
        assertTrue(summary.contains("1 other member") && summary.contains(b.brand().name()), summary);
        assertTrue(allianceAlerts(b).isEmpty(), "a shares nothing, so b learns nothing");

        app.intel().refresh();
        assertEquals(1, allianceAlerts(a).size(), "a refresh does not raise it again");
        assertTrue(intel(alliance, a, "").get("items").get(0).get("seenByUs").asBoolean());
    }

    @Test
    void strangersAndBadParametersGetProblems() {
        Alliance alliance = alliance();
        var a = member(alliance, "Insider");
        var stranger = brand("Stranger");
        Http.Response r = http.get("/api/v1/alliances/" + alliance.id() + "/intel", stranger.apiKey());
        assertEquals(404, r.status(), r.text());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
        for (String query : List.of("?class=gossip", "?page=0", "?per_page=100000", "?page=x")) {
            Http.Response bad = http.get("/api/v1/alliances/" + alliance.id() + "/intel" + query, a.apiKey());
            assertEquals(400, bad.status(), query + ": " + bad.text());
            assertTrue(bad.header("Content-Type").startsWith("application/problem+json"));
        }
        assertEquals(404, http.get("/api/v1/alliances/999999/intel", a.apiKey()).status());
    }

    @Test
    void pagesSplitTheItems() {
        Alliance alliance = alliance();
        var a = member(alliance, "Pager");
        share(alliance, a, "{\"hotspots\":\"named\"}");
        for (int i = 0; i < 5; i++) {
            hotspot(a, freshCell(), 1 + i, today().minusDays(i));
        }
        app.intel().refresh();
        JsonNode first = intel(alliance, a, "?class=hotspots&per_page=2");
        assertEquals(5, first.get("total").asInt());
        assertEquals(2, first.get("items").size());
        JsonNode third = intel(alliance, a, "?class=hotspots&per_page=2&page=3");
        assertEquals(1, third.get("items").size());
    }
}
