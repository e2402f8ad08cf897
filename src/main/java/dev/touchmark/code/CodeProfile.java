package dev.touchmark.code;

import java.util.Locale;

/** How a code is written into the URL of its QR. */
public enum CodeProfile {
    /** Public URL + /V/ + base32 payload, all uppercase so the QR uses alphanumeric mode. */
    COMPACT,
    /** GS1 Digital Link: /01/{GTIN}/10/{lot}/21/{serial}?k=...&s=... readable at retail tills. */
    GS1;

    /** Name as stored and as used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "compact" or "gs1". */
    public static CodeProfile parse(String value) {
        for (CodeProfile profile : values()) {
            if (profile.id().equalsIgnoreCase(value)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("profile must be compact or gs1");
    }
}
