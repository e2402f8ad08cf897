package dev.touchmark.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.touchmark.error.ValidationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/** The JSON mapping of the API: ISO dates, unknown fields refused so typos are not silently ignored. */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        // No silent coercion: "5" or 5.9 for a number is refused rather than guessed at.
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Nor the other way: 5 or true for a string is refused, not turned into "5" or "true".
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The shared mapper. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** True if the request has no body, or only whitespace (optional bodies). */
    public boolean isEmpty(Context ctx) {
        return new String(Bodies.bytes(ctx), java.nio.charset.StandardCharsets.UTF_8).isBlank();
    }

    /** Reads the request body as a record, answering 400 with a readable reason if it does not fit. */
    public <T> T read(Context ctx, Class<T> type) {
        // JSON is UTF-8 (RFC 8259): decode the bytes ourselves, whatever charset the Content-Type claims.
        String body = new String(Bodies.bytes(ctx), java.nio.charset.StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw new BadRequest("the request body must be a JSON object");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new BadRequest("the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequest("unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            // A value of the wrong type ("5" for a number, 5 for a string, an object for a list): named in the API's
            // words; Jackson's own message names Java classes and its coercion settings.
            String field = JsonMismatch.field(e);
            String expected = JsonMismatch.expected(e.getTargetType());
            if (field.isEmpty()) {
                throw new BadRequest("the request body must be " + (expected.equals("an object") ? "a JSON object" : expected));
            }
            throw ValidationException.of(field, "must be " + expected);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadRequest("the request body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")"));
        }
    }
}
