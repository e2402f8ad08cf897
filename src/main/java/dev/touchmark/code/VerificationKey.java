package dev.touchmark.code;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** A public key a code may name: its JWKS kid, whether it was revoked, and its point, decoded once. */
public interface VerificationKey {
    /** The key's JWKS kid. */
    String kid();

    /** Whether the brand revoked it: codes it signed are no longer genuine. */
    boolean revoked();

    /** The public key as a curve point; null when its bytes are no Ed25519 public key (then nothing verifies). */
    Ed25519.PublicPoint point();

    /** Decodes the point of 32 public-key bytes, or null when they are not a valid Ed25519 public key. */
    static Ed25519.PublicPoint decode(byte[] publicKey) {
        if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            return null;
        }
        return Ed25519.validatePublicKeyFullExport(publicKey, 0);
    }
}
