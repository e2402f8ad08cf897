package dev.touchmark.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.UriSchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks STIX 2.1 JSON against the OASIS schemas in a local directory, offline: the schemas' {@code $id}s
 * ({@link StixSchemas#ID_BASE}) are served from that directory, the JSON Schema meta-schemas from the validator's jar,
 * and nothing else is loaded, so a {@code $ref} the set cannot resolve by itself fails instead of going to the network.
 */
final class StixValidator {
    private final Path schemas;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    StixValidator(Path schemas) {
        this.schemas = schemas;
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaLoaders(loaders -> loaders
                        .values(list -> list.removeIf(loader -> loader instanceof UriSchemaLoader))
                        .schemas(this::local)));
    }

    /** The schema's text for a STIX schema IRI, null for any other IRI (which then fails to load). */
    private String local(String iri) {
        if (!iri.startsWith(StixSchemas.ID_BASE)) {
            return null;
        }
        Path file = schemas.resolve(iri.substring(StixSchemas.ID_BASE.length())).normalize();
        if (!file.startsWith(schemas) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema at a path under {@code schemas/} ("common/bundle.json"), compiled once. */
    JsonSchema schema(String path) {
        return compiled.computeIfAbsent(path, p -> {
            JsonSchema schema = factory.getSchema(com.networknt.schema.SchemaLocation.of(StixSchemas.ID_BASE + p), config);
            schema.initializeValidators();
            return schema;
        });
    }

    /**
     * What is wrong with a bundle: each object against the schema of its own type, and the bundle against
     * common/bundle.json. The bundle schema lists the object types it accepts, and that list lacks some that the set
     * defines (location among them, as it once lacked infrastructure: oasis-open/cti-stix2-json-schemas issue 133), so
     * objects of those types are checked against their own schema only, not again inside the bundle.
     */
    List<String> problems(JsonNode bundle) {
        List<String> problems = new ArrayList<>();
        Set<String> listed = typesTheBundleSchemaLists();
        ObjectNode envelope = bundle.deepCopy();
        ArrayNode kept = envelope.putArray("objects");
        for (JsonNode object : bundle.path("objects")) {
            if (listed.contains(object.path("type").asText()) || schemaOf(object.path("type").asText()) == null) {
                kept.add(object);
            }
        }
        if (kept.isEmpty()) {
            envelope.remove("objects");
        }
        schema("common/bundle.json").validate(envelope).forEach(m -> problems.add("bundle: " + m.getMessage()));
        for (JsonNode object : bundle.path("objects")) {
            String type = object.path("type").asText();
            String path = schemaOf(type);
            if (path == null) {
                problems.add(object.path("id").asText() + ": no STIX 2.1 schema for type '" + type + "'");
                continue;
            }
            for (ValidationMessage m : schema(path).validate(object)) {
                problems.add(object.path("id").asText() + ": " + m.getMessage());
            }
        }
        return problems;
    }

    /** The object types that common/bundle.json accepts by their own schema. */
    Set<String> typesTheBundleSchemaLists() {
        try {
            JsonNode bundleSchema = new ObjectMapper().readTree(schemas.resolve("common/bundle.json").toFile());
            Set<String> types = new TreeSet<>();
            for (JsonNode ref : bundleSchema.path("properties").path("objects").findValues("$ref")) {
                String file = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
                types.add(file.replace(".json", ""));
            }
            types.removeAll(Set.of("core", "cyber-observable-core"));
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String schemaOf(String type) {
        for (String folder : List.of("sdos", "sros", "common", "observables")) {
            if (Files.isRegularFile(schemas.resolve(folder).resolve(type + ".json"))) {
                return folder + "/" + type + ".json";
            }
        }
        return null;
    }
}
