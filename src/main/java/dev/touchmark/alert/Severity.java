package dev.touchmark.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The id used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity with an id, if any. */
    public static Optional<Severity> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
