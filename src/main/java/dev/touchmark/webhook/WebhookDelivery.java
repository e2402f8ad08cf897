package dev.touchmark.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/** One message to one endpoint, as the delivery log shows it, with every attempt made so far (oldest first). */
public record WebhookDelivery(long id, long endpointId, String messageId, String eventType, String status,
                              int attemptCount, OffsetDateTime nextAttemptAt, Integer lastStatusCode, String lastError,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Attempt> attempts) {

    /** Where a delivery stands. */
    public enum Status {
        PENDING, SUCCEEDED, FAILED, CANCELLED;

        /** The stored and API form. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One try: when, the receiver's status code (null if none came), how long it took, what went wrong. */
    public record Attempt(OffsetDateTime at, Integer statusCode, int durationMs, String error) {
    }

    /** A copy with its attempts. */
    WebhookDelivery withAttempts(List<Attempt> list) {
        return new WebhookDelivery(id, endpointId, messageId, eventType, status, attemptCount, nextAttemptAt,
                lastStatusCode, lastError, createdAt, updatedAt, List.copyOf(list));
    }
}
