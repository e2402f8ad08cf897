package dev.touchmark.keys;

import java.util.Locale;

/** Life of a signing key: active (signs new batches), retired (still verifies), revoked (verifies nothing). */
public enum KeyStatus {
    ACTIVE, RETIRED, REVOKED;

    /** Name as stored and shown in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored status. */
    public static KeyStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
