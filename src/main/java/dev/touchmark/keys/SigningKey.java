package dev.touchmark.keys;

import java.time.OffsetDateTime;

/** A brand's Ed25519 signing key as stored, without its private part. */
public record SigningKey(long id, long brandId, String kid, String shortKid, byte[] publicKey, KeyStatus status,
                         OffsetDateTime createdAt, OffsetDateTime retiredAt, OffsetDateTime revokedAt) {
}
