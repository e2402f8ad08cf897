package dev.touchmark.alliance;

import java.util.Locale;

/** Where a brand stands in an alliance. Only INVITED moves to MEMBER; every other state waits for a new invitation. */
public enum MemberState {
    INVITED, MEMBER, DECLINED, LEFT, REMOVED, EXPIRED;

    /** The value stored and sent: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MemberState of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
