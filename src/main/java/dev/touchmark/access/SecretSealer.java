package dev.touchmark.access;

/**
 * Seals small secrets for storage and opens them again, bound to a context (the master key's AES-256-GCM, wired in
 * Services; access cannot see the keys package, which depends on it).
 */
public interface SecretSealer {
    /** The stored form of a secret. */
    byte[] seal(byte[] plaintext, String context);

    /** The secret back; throws if it was sealed for another context or with another master key. */
    byte[] open(byte[] sealed, String context);
}
