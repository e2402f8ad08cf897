package dev.touchmark.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/** What the webhook API reads and the answers that carry a secret (shown once, never printed). */
public final class WebhookRequests {
    private WebhookRequests() {
    }

    /** Body of POST /api/v1/webhooks. */
    public record NewEndpoint(String url, String description, List<String> eventTypes) {
    }

    /** Body of PATCH /api/v1/webhooks/{id}: absent (null) fields stay as they are. */
    public record EndpointChange(String url, String description, List<String> eventTypes, Boolean enabled) {
    }

    /** A created endpoint and its secret. */
    public record CreatedEndpoint(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "CreatedEndpoint[endpoint=" + endpoint + ", secret=[REDACTED]]";
        }
    }

    /** A new secret; the previous one keeps signing until previousSecretExpiresAt. */
    public record RotatedSecret(long id, String secret, OffsetDateTime previousSecretExpiresAt) {
        @Override
        public String toString() {
            return "RotatedSecret[id=" + id + ", secret=[REDACTED], previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
        }
    }

    /** Answer of POST /api/v1/webhooks/{id}/test. */
    public record QueuedMessage(String messageId) {
    }
}
