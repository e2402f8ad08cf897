package dev.touchmark.code;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** A key as a JWKS publishes it: kid, revoked or not, and its point. */
public record PublishedKey(String kid, boolean revoked, Ed25519.PublicPoint point) implements VerificationKey {

    /** The key with these 32 public-key bytes. */
    public static PublishedKey of(String kid, byte[] publicKey, boolean revoked) {
        return new PublishedKey(kid, revoked, VerificationKey.decode(publicKey));
    }
}
