package dev.touchmark.code;

/** A public key a code may name: its JWKS kid, its 32 bytes, and whether it was revoked. */
public record VerificationKey(String kid, byte[] publicKey, boolean revoked) {
}
