package dev.touchmark.domain;

import java.util.Locale;

/** How a scan reached us: the verdict page a phone's camera opened, the JSON API, or our in-browser scanner. */
public enum ClientKind {
    PAGE, API, SCANNER;

    /** Name as stored in the scan log. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
