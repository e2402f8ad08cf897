package dev.touchmark.alliance;

import static dev.touchmark.db.jooq.Tables.WEBHOOK_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.AllianceSeeds;
import dev.touchmark.testsupport.Http;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Privacy across every output: a member sharing one class anonymously and nothing else, and other members who share
 * everything and see what it saw. Every output another member (or the alliance's report) can get is searched: the
 * intelligence as JSON (every page) and as STIX, the alerts and their evidence, the webhook payloads queued for them.
 * None may hold an item of a class the private member does not share, nor its name or its admin's address.
 */
abstract class AlliancePrivacyContract extends AllianceServer {
    private DSLContext dsl() {
        return app.services().database().dsl();
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

    /** Every kind of signal, with the same items for every brand given, so that others' signals match them. */
    private void signals(BrandService.CreatedBrand brand, Map<String, String> items) {
        long id = brand.brand().id();
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        OffsetDateTime at = OffsetDateTime.now(clock);
        AllianceSeeds seeds = new AllianceSeeds(dsl());
        seeds.hotspot(id, items.get("hotspots"), 5, day);
        seeds.forged(id, items.get("wave_cell"), 4, day);
        for (String device : List.of("PHONE-A-" + id, "PHONE-B-" + id)) {
            seeds.sellerReport(id, items.get("sellers"), device, at);
        }
        for (String network : List.of("net-a-" + id, "net-b-" + id)) {
            seeds.labelRead(id, items.get("label_hosts"), network, at);
        }
    }

    /** Everything a member can read of the alliance, as text. */
    private String outputsOf(Alliance alliance, BrandService.CreatedBrand brand) {
        StringBuilder all = new StringBuilder();
        String intel = "/api/v1/alliances/" + alliance.id() + "/intel";
        for (int page = 1; ; page++) {
            Http.Response r = http.get(intel + "?per_page=200&page=" + page, brand.apiKey());
            assertEquals(200, r.status(), r.text());
            all.append(r.text());
            if (r.json().get("items").isEmpty()) {
                break;
            }
        }
        all.append(http.get(intel, brand.apiKey(), "Accept", "application/stix+json;version=2.1").text());
        Http.Response alerts = http.get("/api/v1/alerts?limit=500", brand.apiKey());
        all.append(alerts.text());
        alerts.json().get("items").forEach(a -> all.append(http.get("/api/v1/alerts/" + a.get("id").asLong(), brand.apiKey()).text()));
        String month = java.time.YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).toString();
        all.append(http.get("/api/v1/alliances/" + alliance.id() + "/reports/" + month + ".csv", brand.apiKey()).text());
        all.append(pdfText(http.get("/api/v1/alliances/" + alliance.id() + "/reports/" + month + ".pdf", brand.apiKey())));
        http.get("/api/v1/periodic-reports", brand.apiKey()).json().get("items").forEach(r -> {
            all.append(http.get(r.get("csvUrl").asText(), brand.apiKey()).text());
            all.append(pdfText(http.get(r.get("pdfUrl").asText(), brand.apiKey())));
        });
        dsl().select(WEBHOOK_MESSAGE.PAYLOAD).from(WEBHOOK_MESSAGE).where(WEBHOOK_MESSAGE.BRAND_ID.eq(brand.brand().id()))
                .forEach(r -> all.append(r.value1()));
        return all.toString();
    }

    private static String pdfText(Http.Response pdf) {
        assertEquals(200, pdf.status(), pdf.text());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void nothingUnsharedAndNoAnonymousNameReachesAnyOtherMembersOutputs() {
        Alliance alliance = alliances().create("Privacy alliance " + suffix(), 20, OPERATOR);
        String s = suffix();
        Map<String, String> items = new LinkedHashMap<>();
        items.put("hotspots", (100 + Math.abs(s.hashCode() % 60)) + ":" + 17);
        items.put("wave_cell", (20 + Math.abs(s.hashCode() % 60)) + ":" + 18);
        items.put("sellers", "private-seller-" + s + ".example/shop/9");
        items.put("label_hosts", "private-host-" + s + ".example");
        var secret = member(alliance, "Secretive");
        List<BrandService.CreatedBrand> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var other = member(alliance, "Open" + i);
            share(alliance, other, "{\"hotspots\":\"named\",\"sellers\":\"named\",\"label_hosts\":\"named\",\"forgery_waves\":\"named\"}");
            others.add(other);
        }
        // The secretive member shares only hotspots, anonymously; only it saw the seller, the host and the wave.
        share(alliance, secret, "{\"hotspots\":\"anonymous\"}");
        signals(secret, items);
        Map<String, String> othersItems = new LinkedHashMap<>(items);
        othersItems.put("sellers", "open-seller-" + s + ".example");
        othersItems.put("label_hosts", "open-host-" + s + ".example");
        othersItems.put("wave_cell", "77:" + 19);
        signals(others.get(0), othersItems);
        app.intel().refresh();

        // A week later, each member's weekly report of the week the signals were seen (its alliance section included).
        LocalDate seen = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        clock.advance(java.time.Duration.ofDays(8));
        LocalDate monday = seen.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        for (var other : others) {
            Http.Response r = http.post("/api/v1/periodic-reports", other.apiKey(),
                    "{\"kind\":\"weekly\",\"start\":\"" + monday + "\"}");
            assertTrue(r.status() == 201 || r.status() == 200, r.text());
        }
        String secretName = secret.brand().name();
        String secretEmail = app.services().users().list(secret.brand().id()).get(0).email();
        for (var other : others) {
            String text = outputsOf(alliance, other);
            assertFalse(text.contains(items.get("sellers")), "an unshared seller reached " + other.brand().name());
            assertFalse(text.contains(items.get("label_hosts")), "an unshared host reached " + other.brand().name());
            assertFalse(text.contains(SignalRepository.waveKey(items.get("wave_cell"),
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))), "an unshared wave reached " + other.brand().name());
            assertFalse(text.contains(secretName), "the anonymous member's name reached " + other.brand().name());
            assertFalse(text.contains(secretEmail), "the anonymous member's address reached " + other.brand().name());
            assertFalse(text.contains("private words"), "a shopper's words reached " + other.brand().name());
        }
        // The hotspot it shares anonymously does reach the others (counted, unnamed), so the search above means something.
        String first = outputsOf(alliance, others.get(0));
        assertTrue(first.contains("\"key\":\"" + items.get("hotspots") + "\""), first);
        assertTrue(first.contains("alliance_match"), "the open member's own hotspot matched the secretive one's");
        assertTrue(first.contains("hotspots," + items.get("hotspots")) || first.contains("hotspots:" + items.get("hotspots")),
                "the reports list the shared hotspot too");
    }
}
