package dev.touchmark.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an alert is in triage: open -> acknowledged -> resolved or false positive (or straight from open to
 * either). A closed alert may be re-opened, but only with a comment that says why.
 */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, FALSE_POSITIVE;

    /** The id used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for resolved and false positive. */
    public boolean closed() {
        return this == RESOLVED || this == FALSE_POSITIVE;
    }

    /** Why moving from this status to another is not allowed, or empty if it is. */
    public Optional<String> refusal(AlertStatus to, String comment) {
        if (to == this) {
            return Optional.of("the alert is already " + id());
        }
        if (to == OPEN && !closed()) {
            return Optional.of("an acknowledged alert cannot go back to open; resolve it or mark it a false positive");
        }
        if (to == ACKNOWLEDGED && closed()) {
            return Optional.of("a closed alert can only be re-opened, with a comment that says why");
        }
        if (to == OPEN && (comment == null || comment.isBlank())) {
            return Optional.of("re-opening a closed alert needs a comment that says why");
        }
        return Optional.empty();
    }

    /** The status with an id, if any. */
    public static Optional<AlertStatus> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
