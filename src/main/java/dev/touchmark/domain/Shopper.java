package dev.touchmark.domain;

/**
 * What a scan tells about who made it, all optional but the kind: the device cookie, a coarse country from a
 * trusted proxy, a place the shopper chose to share, the keyed hash of the network prefix, and the kind of client.
 */
public record Shopper(String deviceId, String country, Place place, String ipHash, ClientKind kind) {

    /** A scan with nothing known about who made it (a brand's look-up, a benchmark). */
    public static Shopper unknown(ClientKind kind) {
        return new Shopper(null, null, null, null, kind);
    }
}
