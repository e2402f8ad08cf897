package dev.touchmark.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.touchmark.code.Base32;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The durable outbox other features publish events to. A message is stored with one delivery per
 * subscribed endpoint in the caller's database transaction, and the dispatcher sends it after commit:
 * an event is sent if and only if the change that caused it was committed.
 */
public final class WebhookOutbox {
    /** Largest JSON body a message may have. */
    static final int MAX_PAYLOAD_CHARS = 1_000_000;
    private final DSLContext dsl;
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final ObjectMapper mapper;
    private final SecureRandom random;
    private final Clock clock;

    public WebhookOutbox(DSLContext dsl, WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
                         SecureRandom random, Clock clock) {
        this.dsl = dsl;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.random = random;
        this.clock = clock;
        this.mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /**
     * Queues an event for every enabled endpoint of the brand that receives its type, and returns the
     * message id (the webhook-id header). Joins the caller's transaction when called inside
     * {@code dsl.transaction(...)} on the same thread, so it commits or rolls back with it.
     *
     * @param eventType one of {@link WebhookEvents#ALL}
     * @param data      serialised with Jackson (java.time as ISO-8601); must become a JSON object
     */
    public String publish(long brandId, String eventType, Object data) {
        String payload = envelope(eventType, data);
        return dsl.transactionResult(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String messageId = store(brandId, eventType, payload, now);
            for (WebhookEndpoint endpoint : endpoints.enabled(brandId)) {
                if (endpoint.receives(eventType)) {
                    deliveries.insertDelivery(brandId, endpoint.id(), messageId, now);
                }
            }
            return messageId;
        });
    }

    /** Queues an event for one endpoint only, whatever types it subscribed to (test events). */
    String publishTo(long brandId, long endpointId, String eventType, Object data) {
        String payload = envelope(eventType, data);
        return dsl.transactionResult(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String messageId = store(brandId, eventType, payload, now);
            deliveries.insertDelivery(brandId, endpointId, messageId, now);
            return messageId;
        });
    }

    private String store(long brandId, String eventType, String payload, OffsetDateTime now) {
        String messageId = newMessageId();
        deliveries.insertMessage(messageId, brandId, eventType, payload, now);
        return messageId;
    }

    /** The Standard Webhooks body: {"type", "timestamp" (ISO-8601, UTC), "data"}. */
    String envelope(String eventType, Object data) {
        if (!WebhookEvents.isKnown(eventType)) {
            throw new IllegalArgumentException("unknown webhook event type '" + eventType + "'; known: " + WebhookEvents.ALL);
        }
        JsonNode tree = mapper.valueToTree(data);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("webhook data must serialise to a JSON object");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", eventType);
        body.put("timestamp", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", tree);
        try {
            String json = mapper.writeValueAsString(body);
            if (json.length() > MAX_PAYLOAD_CHARS) {
                throw new IllegalArgumentException("webhook payload of " + json.length() + " characters is over "
                        + MAX_PAYLOAD_CHARS);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook data cannot be written as JSON", e);
        }
    }

    private String newMessageId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "msg_" + Base32.encode(bytes).toLowerCase(Locale.ROOT);
    }
}
