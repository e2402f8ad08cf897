package dev.touchmark.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What exports show instead of a shopper's device cookie: a keyed hash (HMAC-SHA256, 64 bits in hex) of the brand and
 * the cookie. Within a brand's exports one phone keeps one pseudonym, so scans can be grouped by phone; the cookie itself
 * cannot be read back, and two brands see different pseudonyms for the same phone, so their files cannot be joined.
 */
public final class DevicePseudonyms {
    private final SecretKeySpec key;

    /** key: 32 bytes derived from the master key for this purpose alone. */
    public DevicePseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A pseudonymiser for one export (not thread-safe: one export writes on one thread). */
    public Pseudonymiser forBrand(long brandId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return new Pseudonymiser(mac, (brandId + ":").getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Pseudonyms of one brand's devices. */
    public static final class Pseudonymiser {
        private final Mac mac;
        private final byte[] prefix;

        private Pseudonymiser(Mac mac, byte[] prefix) {
            this.mac = mac;
            this.prefix = prefix;
        }

        /** The pseudonym of a device id, or null for none. */
        public String of(String deviceId) {
            if (deviceId == null) {
                return null;
            }
            mac.update(prefix);
            byte[] digest = mac.doFinal(deviceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
    }
}
