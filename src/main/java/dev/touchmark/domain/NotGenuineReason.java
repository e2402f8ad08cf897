package dev.touchmark.domain;

import java.util.Locale;

/** Why a code is not genuine. */
public enum NotGenuineReason {
    MALFORMED, UNKNOWN_KEY, REVOKED_KEY, BAD_SIGNATURE, UNKNOWN_BATCH, INDEX_OUT_OF_RANGE, DETAILS_MISMATCH;

    /** Name as used in the API and stored in the scan log. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored id. */
    public static NotGenuineReason of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
