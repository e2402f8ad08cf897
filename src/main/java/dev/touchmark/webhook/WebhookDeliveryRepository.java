package dev.touchmark.webhook;

import static dev.touchmark.db.jooq.Tables.WEBHOOK_ATTEMPT;
import static dev.touchmark.db.jooq.Tables.WEBHOOK_DELIVERY;
import static dev.touchmark.db.jooq.Tables.WEBHOOK_ENDPOINT;
import static dev.touchmark.db.jooq.Tables.WEBHOOK_MESSAGE;

import dev.touchmark.webhook.WebhookDelivery.Attempt;
import dev.touchmark.webhook.WebhookDelivery.Status;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** SQL for the outbox: messages, deliveries (claimed with a lease) and attempts. */
public final class WebhookDeliveryRepository {
    private static final String PENDING = Status.PENDING.id();
    private static final SelectField<?>[] LOG_COLUMNS = {
        WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_MESSAGE.EVENT_TYPE,
        WEBHOOK_DELIVERY.STATUS, WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT,
        WEBHOOK_DELIVERY.LAST_STATUS_CODE, WEBHOOK_DELIVERY.LAST_ERROR, WEBHOOK_DELIVERY.CREATED_AT,
        WEBHOOK_DELIVERY.UPDATED_AT
    };
    private final DSLContext dsl;

    public WebhookDeliveryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A claimed delivery with everything needed to send it. */
    public record Outgoing(long id, long brandId, long endpointId, String messageId, String payload, int attempts,
                           String status, String url, boolean endpointEnabled,
                           WebhookEndpointRepository.SealedSecrets secrets) {
    }

    /** Stores a message of the outbox. */
    public void insertMessage(String id, long brandId, String eventType, String payload, OffsetDateTime now) {
        dsl.insertInto(WEBHOOK_MESSAGE)
                .set(WEBHOOK_MESSAGE.ID, id)
                .set(WEBHOOK_MESSAGE.BRAND_ID, brandId)
                .set(WEBHOOK_MESSAGE.EVENT_TYPE, eventType)
                .set(WEBHOOK_MESSAGE.PAYLOAD, payload)
                .set(WEBHOOK_MESSAGE.CREATED_AT, now)
                .execute();
    }

    /** Queues a message for an endpoint, due at once. */
    public void insertDelivery(long brandId, long endpointId, String messageId, OffsetDateTime now) {
        dsl.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.BRAND_ID, brandId)
                .set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId)
                .set(WEBHOOK_DELIVERY.MESSAGE_ID, messageId)
                .set(WEBHOOK_DELIVERY.STATUS, PENDING)
                .set(WEBHOOK_DELIVERY.ATTEMPTS, 0)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .set(WEBHOOK_DELIVERY.CREATED_AT, now)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .execute();
    }

    /** Ids of pending deliveries that are due and not leased by a live worker, most overdue first. */
    public List<Long> due(OffsetDateTime now, int limit) {
        return dsl.select(WEBHOOK_DELIVERY.ID).from(WEBHOOK_DELIVERY)
                .where(claimable(now))
                .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.ID).limit(limit)
                .fetch(WEBHOOK_DELIVERY.ID);
    }

    /**
     * Takes a delivery for one worker until leaseUntil. A single conditional UPDATE, so of several nodes
     * racing for the same row exactly one sees an update count of 1 (on H2 and PostgreSQL alike).
     */
    public boolean claim(long id, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.LEASE_UNTIL, leaseUntil)
                .where(WEBHOOK_DELIVERY.ID.eq(id).and(claimable(now)))
                .execute() == 1;
    }

    private static Condition claimable(OffsetDateTime now) {
        return WEBHOOK_DELIVERY.STATUS.eq(PENDING)
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .and(WEBHOOK_DELIVERY.LEASE_UNTIL.isNull().or(WEBHOOK_DELIVERY.LEASE_UNTIL.lt(now)));
    }

    /** A delivery with its message, endpoint URL and sealed secrets. */
    public Optional<Outgoing> outgoing(long id) {
        return dsl.select(WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.BRAND_ID, WEBHOOK_DELIVERY.ENDPOINT_ID,
                        WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_MESSAGE.PAYLOAD, WEBHOOK_DELIVERY.ATTEMPTS,
                        WEBHOOK_DELIVERY.STATUS, WEBHOOK_ENDPOINT.URL, WEBHOOK_ENDPOINT.ENABLED,
                        WEBHOOK_ENDPOINT.SECRET_ENCRYPTED, WEBHOOK_ENDPOINT.PREVIOUS_SECRET_ENCRYPTED,
                        WEBHOOK_ENDPOINT.PREVIOUS_SECRET_EXPIRES_AT)
                .from(WEBHOOK_DELIVERY)
                .join(WEBHOOK_MESSAGE).on(WEBHOOK_MESSAGE.ID.eq(WEBHOOK_DELIVERY.MESSAGE_ID))
                .join(WEBHOOK_ENDPOINT).on(WEBHOOK_ENDPOINT.ID.eq(WEBHOOK_DELIVERY.ENDPOINT_ID))
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .fetchOptional(r -> new Outgoing(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), Boolean.TRUE.equals(r.value9()),
                        new WebhookEndpointRepository.SealedSecrets(r.value10(), r.value11(), r.value12())));
    }

    /** How many deliveries wait to be sent or retried (the outbox backlog); uses the status index. */
    public int countPending() {
        return dsl.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.STATUS.eq(PENDING));
    }

    /** True if the delivery still exists (its endpoint was not deleted). */
    public boolean exists(long id) {
        return dsl.fetchExists(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ID.eq(id));
    }

    /** Logs an attempt (it happened, whatever else did). */
    public void insertAttempt(long deliveryId, Attempt attempt) {
        dsl.insertInto(WEBHOOK_ATTEMPT)
                .set(WEBHOOK_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(WEBHOOK_ATTEMPT.ATTEMPTED_AT, attempt.at())
                .set(WEBHOOK_ATTEMPT.STATUS_CODE, attempt.statusCode())
                .set(WEBHOOK_ATTEMPT.DURATION_MS, attempt.durationMs())
                .set(WEBHOOK_ATTEMPT.ERROR, attempt.error())
                .execute();
    }

    /**
     * Moves a delivery on after an attempt and releases its lease. Only if it is still pending with the
     * attempt count the worker claimed it with: a worker whose lease ran out does not overwrite the newer state.
     */
    public boolean finishAttempt(long id, int attemptsBefore, Status status, OffsetDateTime nextAttemptAt,
                                 Integer statusCode, String error, OffsetDateTime now) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ATTEMPTS, attemptsBefore + 1)
                .set(WEBHOOK_DELIVERY.STATUS, status.id())
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, nextAttemptAt)
                .setNull(WEBHOOK_DELIVERY.LEASE_UNTIL)
                .set(WEBHOOK_DELIVERY.LAST_STATUS_CODE, statusCode)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, error)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERY.ID.eq(id).and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                        .and(WEBHOOK_DELIVERY.ATTEMPTS.eq(attemptsBefore)))
                .execute() == 1;
    }

    /** Cancels what is still pending for an endpoint (it was disabled); returns how many. */
    public int cancelPending(long endpointId, String reason, OffsetDateTime now) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, Status.CANCELLED.id())
                .setNull(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                .setNull(WEBHOOK_DELIVERY.LEASE_UNTIL)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, reason)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId).and(WEBHOOK_DELIVERY.STATUS.eq(PENDING)))
                .execute();
    }

    /** A page of an endpoint's deliveries, newest first, without attempts. */
    public List<WebhookDelivery> list(long brandId, long endpointId, int limit, long beforeId) {
        return dsl.select(LOG_COLUMNS).from(WEBHOOK_DELIVERY)
                .join(WEBHOOK_MESSAGE).on(WEBHOOK_MESSAGE.ID.eq(WEBHOOK_DELIVERY.MESSAGE_ID))
                .where(WEBHOOK_DELIVERY.BRAND_ID.eq(brandId).and(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                        .and(WEBHOOK_DELIVERY.ID.lt(beforeId)))
                .orderBy(WEBHOOK_DELIVERY.ID.desc()).limit(limit)
                .fetch(WebhookDeliveryRepository::toDelivery);
    }

    /** The attempts of some deliveries, oldest first, by delivery id. */
    public Map<Long, List<Attempt>> attempts(Collection<Long> deliveryIds) {
        Map<Long, List<Attempt>> result = new HashMap<>();
        if (deliveryIds.isEmpty()) {
            return result;
        }
        dsl.select(WEBHOOK_ATTEMPT.DELIVERY_ID, WEBHOOK_ATTEMPT.ATTEMPTED_AT, WEBHOOK_ATTEMPT.STATUS_CODE,
                        WEBHOOK_ATTEMPT.DURATION_MS, WEBHOOK_ATTEMPT.ERROR)
                .from(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(deliveryIds))
                .orderBy(WEBHOOK_ATTEMPT.ID)
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new Attempt(r.value2(), r.value3(), r.value4(), r.value5())));
        return result;
    }

    private static WebhookDelivery toDelivery(Record r) {
        return new WebhookDelivery(r.get(WEBHOOK_DELIVERY.ID), r.get(WEBHOOK_DELIVERY.ENDPOINT_ID),
                r.get(WEBHOOK_DELIVERY.MESSAGE_ID), r.get(WEBHOOK_MESSAGE.EVENT_TYPE), r.get(WEBHOOK_DELIVERY.STATUS),
                r.get(WEBHOOK_DELIVERY.ATTEMPTS), r.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT),
                r.get(WEBHOOK_DELIVERY.LAST_STATUS_CODE), r.get(WEBHOOK_DELIVERY.LAST_ERROR),
                r.get(WEBHOOK_DELIVERY.CREATED_AT), r.get(WEBHOOK_DELIVERY.UPDATED_AT), List.of());
    }
}
