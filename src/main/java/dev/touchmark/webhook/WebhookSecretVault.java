package dev.touchmark.webhook;

import dev.touchmark.keys.MasterKey;

/** Seals endpoint secrets with the master key for storage, bound to their brand, and opens them to sign. */
public final class WebhookSecretVault {
    private final MasterKey masterKey;

    public WebhookSecretVault(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** The stored form of a secret. */
    public byte[] seal(long brandId, WebhookSecret secret) {
        return masterKey.encrypt(secret.bytes(), context(brandId));
    }

    /** The secret back from its stored form; throws if it was sealed for another brand or another master key. */
    public WebhookSecret open(long brandId, byte[] sealed) {
        return WebhookSecret.of(masterKey.decrypt(sealed, context(brandId)));
    }

    private static String context(long brandId) {
        return "webhook-secret|brand=" + brandId;
    }

    @Override
    public String toString() {
        return "WebhookSecretVault[REDACTED]";
    }
}
