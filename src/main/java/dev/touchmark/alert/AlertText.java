package dev.touchmark.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.touchmark.i18n.Lang;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An alert's summary or an evidence note kept as its facts (which messages, with which values), so it can be written
 * in the reader's language. Stored as JSON: {@code [{"message":"cloned","batch":12,"code":3,"devices":5,"threshold":4}]}.
 */
public final class AlertText {
    /** The longest sentence kept or shown (the summary and note columns hold 400 characters). */
    static final int MAX_CHARS = 400;
    private static final String MESSAGE = "message";
    // Readers and writers are immutable and thread-safe.
    private static final ObjectReader READER = new ObjectMapper().reader();
    private static final ObjectWriter WRITER = new ObjectMapper().writer();
    private final List<Phrase> phrases;

    /** One message with the value of each fact it names. */
    private record Phrase(AlertMessage message, Map<Fact, Object> values) {
    }

    private AlertText(List<Phrase> phrases) {
        this.phrases = List.copyOf(phrases);
    }

    /** A text of one message; values must give exactly the facts the message names. */
    static AlertText of(AlertMessage message, Map<Fact, ?> values) {
        if (!values.keySet().equals(message.facts())) {
            throw new IllegalArgumentException(message.id() + " needs " + message.facts() + ", got " + values.keySet());
        }
        Map<Fact, Object> normalized = new EnumMap<>(Fact.class);
        values.forEach((fact, value) -> {
            if (value == null) {
                throw new IllegalArgumentException(message.id() + " needs a value for " + fact.key());
            }
            normalized.put(fact, fact.normalize(value));
        });
        return new AlertText(List.of(new Phrase(message, Collections.unmodifiableMap(normalized))));
    }

    /** A text of one message that names no facts. */
    static AlertText of(AlertMessage message) {
        return of(message, Map.of());
    }

    /** This text followed by another. */
    AlertText then(AlertText next) {
        List<Phrase> both = new ArrayList<>(phrases);
        both.addAll(next.phrases);
        return new AlertText(both);
    }

    /** The text in a language, at most {@link #MAX_CHARS} characters. */
    public String in(Lang lang) {
        StringBuilder out = new StringBuilder(160);
        for (Phrase phrase : phrases) {
            phrase.message().appendTo(out, lang, phrase.values());
        }
        return clip(out.toString());
    }

    /** The facts as JSON, for the database. */
    String json() {
        List<Map<String, Object>> list = new ArrayList<>(phrases.size());
        for (Phrase phrase : phrases) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put(MESSAGE, phrase.message().id());
            phrase.values().forEach((fact, value) -> object.put(fact.key(), value));
            list.add(object);
        }
        try {
            return WRITER.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text stored as JSON; empty for null (rows from before facts were kept) and for anything this version cannot
     * write out in full (an unknown message, a missing or mistyped fact), so that the reader gets the stored English.
     */
    static Optional<AlertText> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = READER.readTree(json);
            if (root == null || !root.isArray() || root.isEmpty()) {
                return Optional.empty();
            }
            List<Phrase> phrases = new ArrayList<>();
            for (JsonNode node : root) {
                Optional<Phrase> phrase = phrase(node);
                if (phrase.isEmpty()) {
                    return Optional.empty();
                }
                phrases.add(phrase.get());
            }
            return Optional.of(new AlertText(phrases));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Phrase> phrase(JsonNode node) {
        Optional<AlertMessage> message = node.isObject() && node.path(MESSAGE).isTextual()
                ? AlertMessage.of(node.get(MESSAGE).textValue()) : Optional.empty();
        if (message.isEmpty() || node.size() != message.get().facts().size() + 1) {
            return Optional.empty();
        }
        Map<Fact, Object> values = new EnumMap<>(Fact.class);
        for (Fact fact : message.get().facts()) {
            Optional<Object> value = node.has(fact.key()) ? fact.read(node.get(fact.key())) : Optional.empty();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.put(fact, value.get());
        }
        return Optional.of(new Phrase(message.get(), Collections.unmodifiableMap(values)));
    }

    private static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS - 1;
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertText that && phrases.equals(that.phrases);
    }

    @Override
    public int hashCode() {
        return phrases.hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
