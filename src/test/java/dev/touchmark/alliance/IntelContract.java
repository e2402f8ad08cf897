package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.brand.BrandService;
import dev.touchmark.access.Principal;
import dev.touchmark.demo.DemoScenario;
import dev.touchmark.testsupport.AllianceSeeds;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.ScanFixtures;
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

    private AllianceSeeds seeds() {
        return new AllianceSeeds(dsl());
    }

    private void hotspot(BrandService.CreatedBrand brand, String cell, long suspect, LocalDate day) {
        seeds().hotspot(brand.brand().id(), cell, suspect, day);
    }

    private void forged(BrandService.CreatedBrand brand, String cell, long forged, LocalDate day) {
        seeds().forged(brand.brand().id(), cell, forged, day);
    }

    private void sellerReport(BrandService.CreatedBrand brand, String sellerKey, String device) {
        seeds().sellerReport(brand.brand().id(), sellerKey, device, OffsetDateTime.now(clock));
    }

    private void labelRead(BrandService.CreatedBrand brand, String host, String ipHash) {
        seeds().labelRead(brand.brand().id(), host, ipHash, OffsetDateTime.now(clock));
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
    void sellersNeedTwoShoppersAndHostsTwoNetworks() {
        Alliance alliance = alliance();
        var a = member(alliance, "Witnessed");
        var b = member(alliance, "Watcher");
        share(alliance, a, "{\"sellers\":\"named\",\"label_hosts\":\"named\"}");
        String seller = "stall-" + suffix() + ".example/shop/12";
        String lone = "lone-" + suffix() + ".example";
        String host = "tuchmark-" + suffix() + ".example";
        String oneNetwork = "one-" + suffix() + ".example";
        sellerReport(a, seller, "PHONE1");
        sellerReport(a, seller, "PHONE2");
        sellerReport(a, lone, "PHONE3");
        sellerReport(a, lone, "PHONE3");
        labelRead(a, host, "net1");
        labelRead(a, host, "net2");
        labelRead(a, host, "net2");
        labelRead(a, oneNetwork, "net1");
        labelRead(a, oneNetwork, "net1");
        app.intel().refresh();
        JsonNode page = intel(alliance, b, "");
        assertEquals(2, items(page, "sellers", seller).get(0).get("count").asLong(), "two shoppers");
        assertTrue(items(page, "sellers", lone).isEmpty(), "one phone twice is one shopper");
        assertEquals(3, items(page, "label_hosts", host).get(0).get("count").asLong(), "three reads from two networks");
        assertTrue(items(page, "label_hosts", oneNetwork).isEmpty());
        assertFalse(page.toString().contains("private words"), "shoppers' words are never shared");
    }

    @Test
    void theIntelIsAStixBundleWhenAskedForWithoutAnonymousNames() {
        Alliance alliance = alliance();
        var a = member(alliance, "Stixnamed");
        var b = member(alliance, "Stixanon");
        var c = member(alliance, "Stixanon");
        var reader = member(alliance, "Stixreader");
        String cell = freshCell();
        hotspot(a, cell, 2, today());
        hotspot(b, cell, 3, today());
        hotspot(c, freshCell(), 3, today());
        String host = "phish-" + suffix() + ".example";
        labelRead(b, host, "n1");
        labelRead(b, host, "n2");
        share(alliance, a, "{\"hotspots\":\"named\"}");
        share(alliance, b, "{\"hotspots\":\"anonymous\",\"label_hosts\":\"anonymous\"}");
        share(alliance, c, "{\"hotspots\":\"anonymous\"}");
        app.intel().refresh();
        Http.Response r = http.get("/api/v1/alliances/" + alliance.id() + "/intel", reader.apiKey(),
                "Accept", "application/stix+json;version=2.1");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.header("Content-Type").startsWith("application/stix+json"), r.header("Content-Type"));
        JsonNode bundle = r.json();
        assertEquals("bundle", bundle.get("type").asText());
        String text = bundle.toString();
        assertTrue(text.contains(a.brand().name()), "a shares with its name");
        assertFalse(text.contains(b.brand().name()) || text.contains(c.brand().name()), "b and c share anonymously");
        assertFalse(text.contains(host), "label hosts: only b shares them, below the floor of 3");
        assertTrue(text.contains("\"type\":\"location\""), text);
    }

    @Test
    void membersGetTheMonthlyReportAsPdfAndCsvWithTheIntelsNumbers() throws Exception {
        Alliance alliance = alliance();
        var a = member(alliance, "Reporter");
        var b = member(alliance, "Reportreader");
        String cell = freshCell();
        hotspot(a, cell, 7, today());
        share(alliance, a, "{\"hotspots\":\"named\"}");
        app.intel().refresh();
        String month = java.time.YearMonth.from(today()).toString();
        String base = "/api/v1/alliances/" + alliance.id() + "/reports/";
        Http.Response csv = http.get(base + month + ".csv", b.apiKey());
        assertEquals(200, csv.status(), csv.text());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        JsonNode item = items(intel(alliance, b, "?class=hotspots"), "hotspots", cell).get(0);
        assertTrue(csv.text().contains("item,hotspots:" + cell + ",count," + item.get("count").asLong() + "\r\n"), csv.text());
        assertTrue(csv.text().contains("item,hotspots:" + cell + ",named_members," + a.brand().name() + "\r\n"), csv.text());
        Http.Response pdf = http.get(base + month + ".pdf", b.apiKey());
        assertEquals(200, pdf.status(), pdf.text());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Touchmark alliance report") && text.contains(a.brand().name()), text);
        }

        var stranger = brand("Outsider");
        assertEquals(404, http.get(base + month + ".pdf", stranger.apiKey()).status());
        for (String bad : List.of(java.time.YearMonth.from(today()).plusMonths(1).toString(), "2020-01", "2026-13", "soon")) {
            Http.Response r = http.get(base + bad + ".csv", b.apiKey());
            assertEquals(400, r.status(), bad + ": " + r.text());
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
        }
    }

    @Test
    void aForgedCodeScannedWithAPlaceCountsInItsBrandsForgeryWave() {
        Alliance alliance = alliance();
        var reader = member(alliance, "Wavereader");
        ScanFixtures.Released forger = ScanFixtures.released(app, "compact");
        Principal admin = new Principal(forger.brandId(), "test");
        alliances().invite(alliance.id(), forger.brandId(), OPERATOR);
        alliances().accept(admin, alliance.id());
        app.services().sharing().change(admin, alliance.id(), java.util.Map.of("forgery_waves", "named"));
        String forged = DemoScenario.forge(forger.codes().url(3));
        Http.Response r = http.post("/api/v1/verify", null, "{\"code\":\"" + forged + "\",\"lat\":48.8,\"lon\":2.3}");
        assertEquals(200, r.status(), r.text());
        assertEquals("not_genuine", r.json().get("verdict").asText(), r.text());
        app.intel().refresh();
        String key = SignalRepository.waveKey(new dev.touchmark.domain.Place(488, 23).cell(), today());
        List<JsonNode> waves = items(intel(alliance, reader, "?class=forgery_waves"), "forgery_waves", key);
        assertEquals(1, waves.size(), key);
        assertEquals(1, waves.get(0).get("count").asLong());
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
