package dev.touchmark.domain;

import java.util.Locale;

/**
 * What a scan counts as. A shopper's scan counts: it moves its code's history (scans, phones, "seen before") and feeds
 * detection. A link preview (a chat app or another non-browser client fetching the page) and a staff check (someone
 * signed in to the dashboard of the code's own brand) get the same verdict but count for nothing.
 */
public enum ScanRole {
    SHOPPER, PREVIEW, STAFF;

    /** Name as stored in the scan log's uncounted column (null for a shopper's scan) and shown in a code's history. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for a shopper's scan, the only kind that counts. */
    public boolean counted() {
        return this == SHOPPER;
    }
}
