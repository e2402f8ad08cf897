package dev.touchmark.webhook;

import static dev.touchmark.db.jooq.Tables.WEBHOOK_ENDPOINT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** SQL for webhook endpoints; every query a brand can trigger is filtered by brand. */
public final class WebhookEndpointRepository {
    private static final SelectField<?>[] COLUMNS = {
        WEBHOOK_ENDPOINT.ID, WEBHOOK_ENDPOINT.BRAND_ID, WEBHOOK_ENDPOINT.URL, WEBHOOK_ENDPOINT.DESCRIPTION,
        WEBHOOK_ENDPOINT.EVENT_TYPES, WEBHOOK_ENDPOINT.ENABLED, WEBHOOK_ENDPOINT.DISABLED_REASON,
        WEBHOOK_ENDPOINT.PREVIOUS_SECRET_EXPIRES_AT, WEBHOOK_ENDPOINT.CREATED_AT, WEBHOOK_ENDPOINT.UPDATED_AT
    };
    private final DSLContext dsl;

    public WebhookEndpointRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The sealed secrets of an endpoint: the current one, and the previous one while it still signs. */
    public record SealedSecrets(byte[] current, byte[] previous, OffsetDateTime previousExpiresAt) {
        @Override
        public String toString() {
            return "SealedSecrets[REDACTED]";
        }
    }

    /** Stores an enabled endpoint and returns its id. */
    public long insert(long brandId, String url, String description, List<String> eventTypes, byte[] sealedSecret,
                       OffsetDateTime now) {
        return dsl.insertInto(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.BRAND_ID, brandId)
                .set(WEBHOOK_ENDPOINT.URL, url)
                .set(WEBHOOK_ENDPOINT.DESCRIPTION, description)
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, String.join(",", eventTypes))
                .set(WEBHOOK_ENDPOINT.ENABLED, true)
                .set(WEBHOOK_ENDPOINT.SECRET_ENCRYPTED, sealedSecret)
                .set(WEBHOOK_ENDPOINT.CREATED_AT, now)
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, now)
                .returning(WEBHOOK_ENDPOINT.ID).fetchOne().getId();
    }

    /** An endpoint of a brand. */
    public Optional<WebhookEndpoint> find(long brandId, long id) {
        return dsl.select(COLUMNS).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .fetchOptional(WebhookEndpointRepository::toEndpoint);
    }

    /** A page of a brand's endpoints, newest first. */
    public List<WebhookEndpoint> list(long brandId, int limit, long beforeId) {
        return dsl.select(COLUMNS).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.lt(beforeId)))
                .orderBy(WEBHOOK_ENDPOINT.ID.desc()).limit(limit).fetch(WebhookEndpointRepository::toEndpoint);
    }

    /** The brand's enabled endpoints (the caller filters by event type). */
    public List<WebhookEndpoint> enabled(long brandId) {
        return dsl.select(COLUMNS).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ENABLED.isTrue()))
                .orderBy(WEBHOOK_ENDPOINT.ID).fetch(WebhookEndpointRepository::toEndpoint);
    }

    /** Writes the editable fields; disabledReason is cleared when the endpoint is enabled. */
    public void update(long brandId, long id, String url, String description, List<String> eventTypes, boolean enabled,
                       String disabledReason, OffsetDateTime now) {
        dsl.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.URL, url)
                .set(WEBHOOK_ENDPOINT.DESCRIPTION, description)
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, String.join(",", eventTypes))
                .set(WEBHOOK_ENDPOINT.ENABLED, enabled)
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, enabled ? null : disabledReason)
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, now)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .execute();
    }

    /** Disables an endpoint on the server's own initiative, recording why. */
    public void disable(long brandId, long id, String reason, OffsetDateTime now) {
        dsl.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.ENABLED, false)
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, reason)
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, now)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .execute();
    }

    /** Deletes an endpoint with its deliveries; false if the brand has no such endpoint. */
    public boolean delete(long brandId, long id) {
        return dsl.deleteFrom(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .execute() == 1;
    }

    /** Replaces the current secret, keeping the old one as previous until the given time. */
    public void rotateSecret(long brandId, long id, byte[] sealedCurrent, byte[] sealedPrevious,
                             OffsetDateTime previousExpiresAt, OffsetDateTime now) {
        dsl.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.SECRET_ENCRYPTED, sealedCurrent)
                .set(WEBHOOK_ENDPOINT.PREVIOUS_SECRET_ENCRYPTED, sealedPrevious)
                .set(WEBHOOK_ENDPOINT.PREVIOUS_SECRET_EXPIRES_AT, previousExpiresAt)
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, now)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .execute();
    }

    /** The sealed secrets of an endpoint of a brand. */
    public Optional<SealedSecrets> sealedSecrets(long brandId, long id) {
        return dsl.select(WEBHOOK_ENDPOINT.SECRET_ENCRYPTED, WEBHOOK_ENDPOINT.PREVIOUS_SECRET_ENCRYPTED,
                        WEBHOOK_ENDPOINT.PREVIOUS_SECRET_EXPIRES_AT)
                .from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.BRAND_ID.eq(brandId).and(WEBHOOK_ENDPOINT.ID.eq(id)))
                .fetchOptional(r -> new SealedSecrets(r.value1(), r.value2(), r.value3()));
    }

    static List<String> splitTypes(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    private static WebhookEndpoint toEndpoint(Record r) {
        var e = r.into(WEBHOOK_ENDPOINT);
        return new WebhookEndpoint(e.getId(), e.getBrandId(), e.getUrl(), e.getDescription(),
                splitTypes(e.getEventTypes()), Boolean.TRUE.equals(e.getEnabled()), e.getDisabledReason(),
                e.getPreviousSecretExpiresAt(), e.getCreatedAt(), e.getUpdatedAt());
    }
}
