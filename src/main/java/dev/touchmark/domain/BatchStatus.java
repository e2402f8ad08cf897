package dev.touchmark.domain;

import java.util.Locale;
import java.util.Set;

/** Batch life: draft -> released -> recalled; draft or released -> voided. Recalled and voided are final. */
public enum BatchStatus {
    DRAFT, RELEASED, RECALLED, VOIDED;

    /** Name as stored and shown in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored status. */
    public static BatchStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The statuses this one may move to. */
    public Set<BatchStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(RELEASED, VOIDED);
            case RELEASED -> Set.of(RECALLED, VOIDED);
            case RECALLED, VOIDED -> Set.of();
        };
    }
}
