package dev.touchmark.webhook;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** An endpoint's signing secret: 32 random bytes, shown to the brand once as {@code whsec_<base64>}. */
public final class WebhookSecret {
    static final String PREFIX = "whsec_";
    private static final int LENGTH = 32;
    private final byte[] bytes;

    private WebhookSecret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A new random secret. */
    public static WebhookSecret generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new WebhookSecret(bytes);
    }

    /** A secret from its raw bytes (24 to 64, as Standard Webhooks allows). */
    public static WebhookSecret of(byte[] bytes) {
        if (bytes.length < 24 || bytes.length > 64) {
            throw new IllegalArgumentException("a webhook secret has 24 to 64 bytes");
        }
        return new WebhookSecret(bytes);
    }

    /** Parses the {@code whsec_<base64>} form. */
    public static WebhookSecret parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        return of(Base64.getDecoder().decode(encoded.substring(PREFIX.length())));
    }

    /** The raw key bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The form given to the brand: {@code whsec_} and the standard base64 of the bytes. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && java.security.MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WebhookSecret[REDACTED]";
    }
}
