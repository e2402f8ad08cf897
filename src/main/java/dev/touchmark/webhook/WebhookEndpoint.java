package dev.touchmark.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A brand's webhook endpoint as the API shows it (never its secrets). eventTypes empty means every event;
 * disabledReason says why the server disabled it (a 410 from the receiver), or null.
 */
public record WebhookEndpoint(long id, long brandId, String url, String description, List<String> eventTypes,
                              boolean enabled, String disabledReason, OffsetDateTime previousSecretExpiresAt,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** True if the endpoint wants events of this type. */
    public boolean receives(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }
}
