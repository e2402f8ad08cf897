package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.domain.Place;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StixBundleTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STIX_ID = Pattern.compile(
            "[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static JsonNode bundle(List<IntelItem> items) {
        return StixBundle.of(StixFixtures.ALLIANCE, StixFixtures.ALLIANCE_NAME, StixFixtures.CREATED, items,
                StixFixtures.NOW);
    }

    private static List<JsonNode> ofType(JsonNode bundle, String type) {
        List<JsonNode> found = new ArrayList<>();
        bundle.path("objects").forEach(o -> {
            if (o.path("type").asText().equals(type)) {
                found.add(o);
            }
        });
        return found;
    }

    private static JsonNode byId(JsonNode bundle, String id) {
        for (JsonNode o : bundle.path("objects")) {
            if (o.path("id").asText().equals(id)) {
                return o;
            }
        }
        throw new AssertionError("no object " + id);
    }

    @Test
    void uuid5FollowsRfc9562() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"), StixBundle.uuid5(dns, "www.example.com"));
        assertEquals(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"), StixBundle.uuid5(dns, "python.org"));
    }

    @Test
    void theBundleIsValidJsonWithWellFormedIdsAndMillisecondTimestamps() throws Exception {
        JsonNode bundle = bundle(StixFixtures.everyClass());
        String json = MAPPER.writeValueAsString(bundle);
        assertEquals(json, MAPPER.writeValueAsString(MAPPER.readTree(json)));
        assertEquals("bundle", bundle.path("type").asText());
        assertTrue(STIX_ID.matcher(bundle.path("id").asText()).matches());
        Set<String> ids = new HashSet<>();
        for (JsonNode o : bundle.path("objects")) {
            String id = o.path("id").asText();
            assertTrue(STIX_ID.matcher(id).matches(), id);
            assertTrue(id.startsWith(o.path("type").asText() + "--"), id);
            assertTrue(ids.add(id), "twice: " + id);
            assertEquals("2.1", o.path("spec_version").asText(), id);
            for (String field : List.of("created", "modified", "valid_from", "first_seen", "last_seen")) {
                if (o.has(field)) {
                    assertTrue(MILLIS.matcher(o.get(field).asText()).matches(), id + " " + field);
                }
            }
        }
        for (JsonNode o : bundle.path("objects")) {
            for (String ref : refs(o)) {
                assertTrue(ids.contains(ref), o.path("id").asText() + " points to " + ref + ", not in the bundle");
            }
        }
    }

    private static List<String> refs(JsonNode object) {
        List<String> refs = new ArrayList<>();
        object.properties().forEach(field -> {
            if (field.getKey().endsWith("_ref")) {
                refs.add(field.getValue().asText());
            } else if (field.getKey().endsWith("_refs")) {
                field.getValue().forEach(r -> refs.add(r.asText()));
            }
        });
        return refs;
    }

    @Test
    void everythingIsCreatedByTheAllianceAndMarkedTlpAmber() {
        JsonNode bundle = bundle(StixFixtures.everyClass());
        JsonNode alliance = ofType(bundle, "identity").get(0);
        assertEquals(StixFixtures.ALLIANCE_NAME, alliance.path("name").asText());
        assertEquals("group", alliance.path("identity_class").asText());
        for (JsonNode o : bundle.path("objects")) {
            String type = o.path("type").asText();
            if (type.equals("marking-definition") || o == alliance) {
                continue;
            }
            assertEquals(alliance.path("id").asText(), o.path("created_by_ref").asText(), o.path("id").asText());
            assertEquals(StixBundle.TLP_AMBER, o.path("object_marking_refs").get(0).asText());
            assertEquals("2026-01-15T09:30:00.123Z", o.path("created").asText());
            assertEquals("2026-12-05T14:00:00.250Z", o.path("modified").asText());
        }
    }

    @Test
    void aLabelHostIsAnIndicatorOnItsDomainWithASightingCountingTheReads() {
        IntelItem host = StixFixtures.item(SignalClass.LABEL_HOSTS, "verify-acme.example", List.of("Borel"), null);
        JsonNode bundle = bundle(List.of(host));
        JsonNode indicator = ofType(bundle, "indicator").get(0);
        assertEquals("[domain-name:value = 'verify-acme.example']", indicator.path("pattern").asText());
        assertEquals("stix", indicator.path("pattern_type").asText());
        assertEquals("2026-11-02T00:00:00.000Z", indicator.path("valid_from").asText());
        assertEquals("malicious-activity", indicator.path("indicator_types").get(0).asText());
        JsonNode sighting = ofType(bundle, "sighting").get(0);
        assertEquals(indicator.path("id").asText(), sighting.path("sighting_of_ref").asText());
        assertEquals(17, sighting.path("count").asLong());
        assertEquals("2026-11-02T00:00:00.000Z", sighting.path("first_seen").asText());
        assertEquals("2026-11-30T23:59:59.999Z", sighting.path("last_seen").asText());
        JsonNode borel = byId(bundle, sighting.path("where_sighted_refs").get(0).asText());
        assertEquals("Borel", borel.path("name").asText());
        assertEquals("organization", borel.path("identity_class").asText());
        assertEquals(3, sighting.path("x_touchmark_members").asInt());
    }

    @Test
    void addressesArePatternedAsAddresses() {
        assertEquals("[ipv4-addr:value = '203.0.113.9']", StixBundle.hostPattern("203.0.113.9"));
        assertEquals("[ipv6-addr:value = '2001:db8::7']", StixBundle.hostPattern("[2001:db8::7]"));
    }

    @Test
    void quotesAndBackslashesAreEscapedInPatterns() {
        assertEquals("[domain-name:value = 'a\\'b\\\\c']", StixBundle.hostPattern("a'b\\c"));
        assertEquals("it\\'s \\\\ here", StixBundle.escape("it's \\ here"));
        assertEquals("[url:value = 'https://shop.example/it\\'s' OR url:value = 'http://shop.example/it\\'s']",
                StixBundle.sellerPattern("shop.example/it's"));
    }

    @Test
    void aSellerIsAnIdentityAndAWebSellerAlsoAnIndicatorRelatedToIt() {
        JsonNode bundle = bundle(List.of(
                StixFixtures.item(SignalClass.SELLERS, "shop.example/listing/7", List.of(), null),
                StixFixtures.item(SignalClass.SELLERS, "Jo's stall, market hall", List.of(), null)));
        List<JsonNode> sellers = ofType(bundle, "identity").stream()
                .filter(i -> i.path("identity_class").asText().equals("unknown")).toList();
        assertEquals(List.of("shop.example/listing/7", "Jo's stall, market hall"),
                sellers.stream().map(s -> s.path("name").asText()).toList());
        List<JsonNode> indicators = ofType(bundle, "indicator");
        assertEquals(1, indicators.size(), "a seller that is no web address has no indicator");
        assertEquals("[url:value = 'https://shop.example/listing/7' OR url:value = 'http://shop.example/listing/7']",
                indicators.get(0).path("pattern").asText());
        JsonNode related = ofType(bundle, "relationship").get(0);
        assertEquals("related-to", related.path("relationship_type").asText());
        assertEquals(indicators.get(0).path("id").asText(), related.path("source_ref").asText());
        assertEquals(sellers.get(0).path("id").asText(), related.path("target_ref").asText());
        assertEquals("[domain-name:value = 'market.example']", StixBundle.sellerPattern("market.example/"));
        assertEquals("[ipv4-addr:value = '203.0.113.5']", StixBundle.sellerPattern("203.0.113.5"));
        assertNull(StixBundle.sellerPattern("not a host/with path"));
    }

    @Test
    void hotspotsAndWavesAreSightingsOfTheAllianceCampaignAtTheCellTheyShare() {
        Place paris = Place.centreOf("97:4");
        JsonNode bundle = bundle(List.of(
                StixFixtures.item(SignalClass.HOTSPOTS, "97:4", List.of(), paris),
                StixFixtures.item(SignalClass.FORGERY_WAVES, "97:4@2026-W48", List.of(), paris)));
        List<JsonNode> locations = ofType(bundle, "location");
        assertEquals(1, locations.size(), "one location per cell");
        JsonNode location = locations.get(0);
        assertEquals(48.7, location.path("latitude").asDouble());
        assertEquals(2.2, location.path("longitude").asDouble());
        // The cell is 48.5..49.0 N, 2.0..2.5 E: its farthest corner from (48.7, 2.2), (49.0, 2.5), is 39.4 km away.
        assertEquals(40_000, location.path("precision").asDouble());
        JsonNode campaign = ofType(bundle, "campaign").get(0);
        List<JsonNode> sightings = ofType(bundle, "sighting");
        assertEquals(List.of("counterfeit-hotspot", "forgery-wave"),
                sightings.stream().map(s -> s.path("labels").get(0).asText()).toList());
        for (JsonNode sighting : sightings) {
            assertEquals(campaign.path("id").asText(), sighting.path("sighting_of_ref").asText());
            assertEquals(List.of(location.path("id").asText()), texts(sighting.path("where_sighted_refs")));
        }
        assertTrue(sightings.get(1).path("description").asText().contains("2026-W48"));
    }

    @Test
    void theCellPrecisionCoversTheCellNearThePoles() {
        assertTrue(StixBundle.cellRadiusMetres("179:0", 89.7, 0.2) <= 34_000);
        assertTrue(StixBundle.cellRadiusMetres("0:0", 0.2, 0.2) >= 42_000);
    }

    @Test
    void aCountBeyondWhatStixAllowsIsCapped() {
        IntelItem huge = new IntelItem(SignalClass.HOTSPOTS, "97:4", 2, List.of(), 5_000_000_000L,
                StixFixtures.FIRST, StixFixtures.LAST, Place.centreOf("97:4"));
        assertEquals(999_999_999L, ofType(bundle(List.of(huge)), "sighting").get(0).path("count").asLong());
    }

    @Test
    void theSameItemsGiveTheSameBundleAndAnItemKeepsItsIdsAcrossExports() {
        assertEquals(bundle(StixFixtures.everyClass()), bundle(StixFixtures.everyClass()));
        JsonNode later = StixBundle.of(StixFixtures.ALLIANCE, StixFixtures.ALLIANCE_NAME, StixFixtures.CREATED,
                StixFixtures.everyClass(), StixFixtures.NOW.plusSeconds(86_400));
        assertEquals(ids(bundle(StixFixtures.everyClass())), ids(later));
        assertNotEquals(bundle(StixFixtures.everyClass()).path("id"), later.path("id"));
        JsonNode otherAlliance = StixBundle.of(StixFixtures.ALLIANCE + 1, StixFixtures.ALLIANCE_NAME,
                StixFixtures.CREATED, StixFixtures.everyClass(), StixFixtures.NOW);
        Set<String> shared = new HashSet<>(ids(otherAlliance));
        shared.retainAll(ids(bundle(StixFixtures.everyClass())));
        assertEquals(Set.of(StixBundle.TLP_AMBER), shared, "only the predefined marking is common to two alliances");
    }

    @Test
    void anonymousItemsCarryNoBrandAndOnlyNamedBrandsAppear() throws Exception {
        List<String> hidden = List.of("Hidden Horology", "Secret Straps");
        List<IntelItem> items = new ArrayList<>();
        for (SignalClass c : SignalClass.values()) {
            String key = switch (c) {
                case HOTSPOTS -> "10:20";
                case FORGERY_WAVES -> "10:20@2026-W40";
                case LABEL_HOSTS -> "fake-labels.example";
                case SELLERS -> "bazaar.example/item/9";
            };
            items.add(new IntelItem(c, key, 4, List.of(), 9, StixFixtures.FIRST, StixFixtures.LAST,
                    c == SignalClass.HOTSPOTS || c == SignalClass.FORGERY_WAVES ? Place.centreOf("10:20") : null));
        }
        items.add(StixFixtures.item(SignalClass.LABEL_HOSTS, "named.example", List.of("Acme Watches"), null));
        String json = MAPPER.writeValueAsString(bundle(items));
        for (String brand : hidden) {
            assertFalse(json.contains(brand), brand);
        }
        JsonNode bundle = MAPPER.readTree(json);
        List<String> organisations = ofType(bundle, "identity").stream()
                .filter(i -> i.path("identity_class").asText().equals("organization"))
                .map(i -> i.path("name").asText()).toList();
        assertEquals(List.of("Acme Watches"), organisations);
        String acme = ofType(bundle, "identity").stream()
                .filter(i -> i.path("name").asText().equals("Acme Watches")).findFirst().orElseThrow()
                .path("id").asText();
        long mentions = bundle.path("objects").findValues("where_sighted_refs").stream()
                .flatMap(refs -> texts(refs).stream()).filter(acme::equals).count();
        assertEquals(1, mentions, "only the named item's sighting refers to the named brand");
        for (JsonNode sighting : ofType(bundle, "sighting")) {
            if (!sighting.path("x_touchmark_signal_class").asText().equals("label_hosts")
                    || !byId(bundle, sighting.path("sighting_of_ref").asText()).path("pattern").asText()
                    .contains("named.example")) {
                assertFalse(texts(sighting.path("where_sighted_refs")).contains(acme));
            }
        }
    }

    @Test
    void aBundleOfNoItemsHoldsTheAllianceAndTheMarkingOnly() {
        JsonNode bundle = bundle(List.of());
        assertEquals(List.of("marking-definition", "identity"),
                texts(bundle.path("objects").findValues("type").stream().collect(
                        MAPPER::createArrayNode, (a, n) -> a.add(n), (a, b) -> a.addAll(b))));
    }

    @Test
    void aLastDayThatIsTodayEndsNow() {
        Instant now = Instant.parse("2026-11-30T08:00:00.000Z");
        JsonNode bundle = StixBundle.of(1, "A", null, List.of(
                StixFixtures.item(SignalClass.LABEL_HOSTS, "x.example", List.of(), null)), now);
        assertEquals("2026-11-30T08:00:00.000Z", ofType(bundle, "sighting").get(0).path("last_seen").asText());
        assertEquals("2026-11-30T08:00:00.000Z", ofType(bundle, "indicator").get(0).path("created").asText());
    }

    private static Set<String> ids(JsonNode bundle) {
        Set<String> ids = new HashSet<>();
        bundle.path("objects").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
