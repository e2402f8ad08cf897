package dev.touchmark.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docs/openapi.yaml as a third-party tool reads it: swagger-parser lists its operations and their documented answers,
 * and networknt's JSON Schema 2020-12 validator (the dialect OpenAPI 3.1 uses) checks bodies against the response
 * schemas, {@code $ref}s, {@code allOf} and {@code additionalProperties: false} included.
 */
final class OpenApiDescription {
    static final Path FILE = Path.of("docs/openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private final JsonNode document;
    private final OpenAPI model;
    private final List<String> parseMessages;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig schemaConfig = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiDescription(JsonNode document, OpenAPI model, List<String> parseMessages) {
        this.document = document;
        this.model = model;
        this.parseMessages = parseMessages;
    }

    /** The document's text, as docs/openapi.yaml holds it. */
    static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiDescription load() {
        try {
            String yaml = text();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
            List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
            return new OpenApiDescription(new YAMLMapper().readTree(yaml), result.getOpenAPI(), messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What swagger-parser found wrong with the document; empty for a valid one. */
    List<String> parseMessages() {
        return parseMessages;
    }

    /** Every documented operation as "METHOD /path". */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> operations.add(method.name() + " " + path)));
        return operations;
    }

    /** The statuses documented for an operation ("200", "4XX", "default"). */
    Set<String> statuses(String method, String path) {
        return new TreeSet<>(operation(method, path).getResponses().keySet());
    }

    /** Whether the operation takes an API key or session (the document's default security), not open to anyone. */
    boolean needsCredentials(String method, String path) {
        JsonNode security = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).get("security");
        return security == null || !security.isEmpty();
    }

    /** Whether the operation takes a JSON request body. */
    boolean takesJson(String method, String path) {
        JsonNode body = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("requestBody");
        if (body.has("$ref")) {
            body = document.at(body.get("$ref").asText().substring(1));
        }
        return body.path("content").has("application/json");
    }

    /** Whether the operation documents an answer other than success, server failure or a rate limit. */
    boolean documentsAClientError(String method, String path) {
        return statuses(method, path).stream().anyMatch(s -> s.startsWith("4") && !s.equals("429"));
    }

    /**
     * What is wrong with one live answer: an undocumented status, a Content-Type the status does not document, or a
     * body its schema refuses. Empty when the answer is as documented.
     */
    List<String> check(String method, String path, int status, String contentType, byte[] body) {
        List<String> problems = new ArrayList<>();
        String where = method + " " + path + " -> " + status + ": ";
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            problems.add(where + "operation not documented");
            return problems;
        }
        JsonNode response = response(operation.get("responses"), status);
        if (response == null) {
            problems.add(where + "status not documented (documented: " + statuses(method, path) + ")");
            return problems;
        }
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (body.length > 0) {
                problems.add(where + "documented without a body, but " + body.length + " bytes came (" + contentType + ")");
            }
            return problems;
        }
        String mediaType = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType == null || !content.has(mediaType)) {
            problems.add(where + "Content-Type " + contentType + " not documented (documented: " + fieldNames(content) + ")");
            return problems;
        }
        JsonNode schema = content.get(mediaType).get("schema");
        if (schema != null && isJson(mediaType)) {
            JsonNode parsed;
            try {
                parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                problems.add(where + "body is not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
                return problems;
            }
            for (ValidationMessage message : schemaFor(schema).validate(parsed)) {
                problems.add(where + message.getMessage() + " in " + abbreviate(parsed.toString()));
            }
        }
        return problems;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private JsonSchema schemaFor(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), key -> {
            // The schema with the document's components beside it, so its "#/components/..." references resolve.
            ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.get("components"));
            root.setAll((ObjectNode) schema.deepCopy());
            return schemas.getSchema(root, schemaConfig);
        });
    }

    private JsonNode response(JsonNode responses, int status) {
        String exact = Integer.toString(status);
        JsonNode response = responses.has(exact) ? responses.get(exact)
                : responses.has(exact.charAt(0) + "XX") ? responses.get(exact.charAt(0) + "XX") : responses.get("default");
        if (response != null && response.has("$ref")) {
            String ref = response.get("$ref").asText();
            response = document.at(ref.substring(1));
        }
        return response;
    }

    private Operation operation(String method, String path) {
        PathItem item = model.getPaths().get(path);
        if (item == null || !METHODS.contains(method.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not documented: " + method + " " + path);
        }
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        if (op == null) {
            throw new IllegalArgumentException("not documented: " + method + " " + path);
        }
        return op;
    }

    /** The documented answers of one operation, for messages. */
    Map<String, ApiResponse> responses(String method, String path) {
        return operation(method, path).getResponses();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
