package dev.touchmark.alliance;

import java.util.Arrays;
import java.util.Optional;

/** A class of signal a member may share with its alliance; each is coarse enough that sharing it names no shopper. */
public enum SignalClass {
    /** Places where counterfeits are scanned often. */
    HOTSPOTS("hotspots"),
    /** Sellers named in shoppers' counterfeit reports. */
    SELLERS("sellers"),
    /** Hosts that counterfeit labels point to. */
    LABEL_HOSTS("label_hosts"),
    /** Waves of forged codes. */
    FORGERY_WAVES("forgery_waves");

    private final String id;

    SignalClass(String id) {
        this.id = id;
    }

    /** The id stored and sent. */
    public String id() {
        return id;
    }

    /** The class with this id, if any. */
    public static Optional<SignalClass> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
