package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bundles of every signal class, named and anonymous, are valid against the OASIS STIX 2.1 JSON schemas (pinned in
 * {@link StixSchemas}), and the same validator rejects broken objects, so a passing run means something. Without the
 * schemas (no cache, and GitHub out of reach) the test is skipped with the reason: the OASIS schemas are published only
 * on GitHub, which the project's CI machines cannot reach, and they are not copied into the repository.
 * {@link StixBundleTest} checks the bundles' structure everywhere.
 */
class StixBundleSchemaIT {
    private static Path schemas;
    private static StixValidator validator;

    @BeforeAll
    static void schemas() {
        try {
            schemas = StixSchemas.pinned().directory();
        } catch (IOException e) {
            String message = "the OASIS STIX 2.1 schemas (commit " + StixSchemas.COMMIT + ") could not be had: "
                    + e.getMessage() + "; set TOUCHMARK_STIX_SCHEMAS to a checkout of that commit";
            Assumptions.abort(message);
        }
        validator = new StixValidator(schemas);
    }

    private static ObjectNode bundle() {
        return (ObjectNode) StixBundle.of(StixFixtures.ALLIANCE, StixFixtures.ALLIANCE_NAME, StixFixtures.CREATED,
                StixFixtures.everyClass(), StixFixtures.NOW);
    }

    @Test
    void aBundleOfEveryClassNamedAndAnonymousIsValidStix21() {
        JsonNode bundle = bundle();
        assertEquals(List.of(), validator.problems(bundle));
        Set<String> types = new TreeSet<>();
        bundle.path("objects").forEach(o -> types.add(o.path("type").asText()));
        assertEquals(Set.of("campaign", "identity", "indicator", "location", "marking-definition", "relationship",
                "sighting"), types);
    }

    @Test
    void onlyLocationsAreLeftToTheirOwnSchemaForTheBundleSchemaOmitsThem() {
        Set<String> sent = new TreeSet<>();
        bundle().path("objects").forEach(o -> sent.add(o.path("type").asText()));
        sent.removeAll(validator.typesTheBundleSchemaLists());
        assertEquals(Set.of("location"), sent);
    }

    @Test
    void eachSignalClassAloneIsValidStix21() {
        for (SignalClass signalClass : SignalClass.values()) {
            List<IntelItem> items = StixFixtures.everyClass().stream()
                    .filter(i -> i.signalClass() == signalClass).toList();
            JsonNode bundle = StixBundle.of(StixFixtures.ALLIANCE, StixFixtures.ALLIANCE_NAME, null, items,
                    StixFixtures.NOW);
            assertEquals(List.of(), validator.problems(bundle), signalClass.id());
        }
    }

    @Test
    void aBundleOfNoItemsIsValidStix21() {
        assertEquals(List.of(), validator.problems(StixBundle.of(StixFixtures.ALLIANCE, StixFixtures.ALLIANCE_NAME,
                StixFixtures.CREATED, List.of(), StixFixtures.NOW)));
    }

    @Test
    void anIndicatorWithoutItsPatternIsRejected() {
        ObjectNode bundle = bundle();
        ((ObjectNode) first(bundle, "indicator")).remove("pattern");
        assertRejected(bundle, "pattern");
    }

    @Test
    void aSightingSeenWhereAnIndicatorIsIsRejected() {
        ObjectNode bundle = bundle();
        ObjectNode sighting = (ObjectNode) first(bundle, "sighting");
        sighting.putArray("where_sighted_refs").add(first(bundle, "indicator").path("id").asText());
        assertRejected(bundle, "where_sighted_refs");
    }

    @Test
    void aTimestampWithoutMillisecondsIsRejected() {
        ObjectNode bundle = bundle();
        ((ObjectNode) first(bundle, "location")).put("created", "2026-01-15T09:30:00Z");
        assertRejected(bundle, "created");
    }

    @Test
    void aLatitudeOffTheGlobeIsRejected() {
        ObjectNode bundle = bundle();
        ((ObjectNode) first(bundle, "location")).put("latitude", 91.5);
        assertRejected(bundle, "latitude");
    }

    @Test
    void anObjectWithoutSpecVersionIsRejected() {
        ObjectNode bundle = bundle();
        ((ObjectNode) ((ArrayNode) bundle.get("objects")).get(1)).remove("spec_version");
        assertRejected(bundle, "spec_version");
    }

    @Test
    void everySchemaOfTheSetCompilesOfflineWithItsReferences() throws IOException {
        List<String> paths;
        try (Stream<Path> walk = Files.walk(schemas)) {
            paths = walk.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> schemas.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertTrue(paths.size() > 50, "the set has all its schemas: " + paths);
        for (String path : paths) {
            validator.schema(path);
        }
    }

    private static void assertRejected(JsonNode bundle, String property) {
        List<String> problems = validator.problems(bundle);
        assertFalse(problems.isEmpty(), "the broken bundle was accepted");
        assertTrue(problems.stream().anyMatch(p -> p.contains(property)), property + " not named in " + problems);
    }

    private static JsonNode first(JsonNode bundle, String type) {
        for (JsonNode object : bundle.path("objects")) {
            if (object.path("type").asText().equals(type)) {
                return object;
            }
        }
        throw new AssertionError("no " + type + " in the bundle");
    }
}
