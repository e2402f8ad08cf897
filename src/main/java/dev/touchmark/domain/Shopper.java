package dev.touchmark.domain;

/**
 * What a scan tells about who made it, all optional but the kind and role: the device cookie, a coarse country from a
 * trusted proxy, a place the shopper chose to share, the keyed hash of the network prefix, the kind of client, and
 * whether the scan counts as a shopper's (see {@link ScanRole}).
 */
public record Shopper(String deviceId, String country, Place place, String ipHash, ClientKind kind, ScanRole role) {

    public Shopper {
        role = role == null ? ScanRole.SHOPPER : role;
    }

    /** A shopper's scan, which counts. */
    public Shopper(String deviceId, String country, Place place, String ipHash, ClientKind kind) {
        this(deviceId, country, place, ipHash, kind, ScanRole.SHOPPER);
    }

    /** A scan with nothing known about who made it (a brand's look-up, a benchmark). */
    public static Shopper unknown(ClientKind kind) {
        return new Shopper(null, null, null, null, kind);
    }

    /** The same scan with another role. */
    public Shopper as(ScanRole other) {
        return other == role ? this : new Shopper(deviceId, country, place, ipHash, kind, other);
    }
}
