package dev.touchmark.domain;

import java.util.Locale;

/** What a shopper is told about a scanned code. */
public enum Verdict {
    /** Valid signature, released batch, first scan or the same phone again. */
    GENUINE,
    /** Valid and released, but another phone verified it first. */
    SEEN_BEFORE,
    /** Valid, but the code shows clone patterns. */
    SUSPECT,
    /** The batch was recalled. */
    RECALLED,
    /** The batch is still a draft: these codes should not be on shelves yet. */
    NOT_RELEASED,
    /** The batch was voided: these codes must not be used. */
    VOIDED,
    /** Bad signature, unknown or revoked key, index outside the batch, details not matching, or garbled. */
    NOT_GENUINE;

    /**
     * The one definition of a suspect scan, used by the hotspot rule, the map's cells and its country table alike:
     * the shopper was told the code is suspect (a genuine code of a released batch whose risk reached the brand's
     * suspect score). Scans of unreleased, recalled or voided batches count under their own verdicts, and forged
     * codes as not genuine, never as suspect.
     */
    public boolean isSuspect() {
        return this == SUSPECT;
    }

    /** Name as used in the API and stored in the scan log. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored id. */
    public static Verdict of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
