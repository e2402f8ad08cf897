package dev.touchmark.alliance;

import java.util.Arrays;
import java.util.Optional;

/** How a member shares one signal class: not at all (the default), without its name, or with its name. */
public enum SharingLevel {
    NONE("none"), ANONYMOUS("anonymous"), NAMED("named");

    private final String id;

    SharingLevel(String id) {
        this.id = id;
    }

    /** The id stored and sent. */
    public String id() {
        return id;
    }

    /** Whether others see anything of this class from the member. */
    public boolean shares() {
        return this != NONE;
    }

    /** The level with this id, if any. */
    public static Optional<SharingLevel> of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }
}
