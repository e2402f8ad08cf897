package dev.touchmark.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person or key may do for its brand. Viewers read everything; operators also run the daily work
 * (products, batches, labels, alert triage); admins also manage keys, webhooks, API keys, users and thresholds.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The id used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if this role includes everything the other may do. */
    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The role with an id, if any. */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }
}
