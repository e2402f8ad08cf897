package dev.touchmark.webhook;

import dev.touchmark.config.WebhookSettings;

import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.error.Validator;
import dev.touchmark.webhook.WebhookRequests.CreatedEndpoint;
import dev.touchmark.webhook.WebhookRequests.EndpointChange;
import dev.touchmark.webhook.WebhookRequests.NewEndpoint;
import dev.touchmark.webhook.WebhookRequests.QueuedMessage;
import dev.touchmark.webhook.WebhookRequests.RotatedSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/** A brand's webhook endpoints: create, change, delete, rotate secrets, send a test, read the delivery log. */
public final class WebhookService {
    /** How long a rotated-out secret keeps signing, so receivers can switch without missing a message. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final int MAX_DESCRIPTION = 500;
    private final DSLContext dsl;
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookOutbox outbox;
    private final WebhookSecretVault vault;
    private final SecureRandom random;
    private final Clock clock;
    private final boolean allowPrivateNetworks;

    public WebhookService(DSLContext dsl, WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
                          WebhookOutbox outbox, WebhookSecretVault vault, SecureRandom random, Clock clock,
                          boolean allowPrivateNetworks) {
        this.dsl = dsl;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.vault = vault;
        this.random = random;
        this.clock = clock;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** Validates and stores an endpoint; its secret is in the answer and nowhere else in clear. */
    public CreatedEndpoint create(long brandId, NewEndpoint request) {
        Validator validator = new Validator();
        String url = checkedUrl(request.url(), validator);
        String description = description(request.description(), validator);
        List<String> types = eventTypes(request.eventTypes(), validator);
        validator.throwIfInvalid();
        WebhookSecret secret = WebhookSecret.generate(random);
        long id = endpoints.insert(brandId, url, description, types, vault.seal(brandId, secret), OffsetDateTime.now(clock));
        return new CreatedEndpoint(get(brandId, id), secret.encoded());
    }

    /** An endpoint of the brand, or NotFoundException. */
    public WebhookEndpoint get(long brandId, long id) {
        return endpoints.find(brandId, id).orElseThrow(() -> new NotFoundException("no webhook endpoint with id " + id));
    }

    /** A page of the brand's endpoints, newest first. */
    public List<WebhookEndpoint> list(long brandId, int limit, Long beforeId) {
        return endpoints.list(brandId, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    /** Changes the fields given; disabling cancels pending deliveries, enabling clears why it was disabled. */
    public WebhookEndpoint update(long brandId, long id, EndpointChange change) {
        WebhookEndpoint current = get(brandId, id);
        Validator validator = new Validator();
        String url = change.url() == null ? current.url() : checkedUrl(change.url(), validator);
        String description = change.description() == null ? current.description() : description(change.description(), validator);
        List<String> types = change.eventTypes() == null ? current.eventTypes() : eventTypes(change.eventTypes(), validator);
        validator.throwIfInvalid();
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        dsl.transaction(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String reason = current.enabled() ? "disabled through the API" : current.disabledReason();
            endpoints.update(brandId, id, url, description, types, enabled, reason, now);
            if (current.enabled() && !enabled) {
                deliveries.cancelPending(id, "cancelled: the endpoint was disabled", now);
            }
        });
        return get(brandId, id);
    }

    /** Deletes an endpoint and its delivery log. */
    public void delete(long brandId, long id) {
        if (!endpoints.delete(brandId, id)) {
            throw new NotFoundException("no webhook endpoint with id " + id);
        }
    }

    /** A new secret; the old one keeps signing (as a second signature) for 24 hours. */
    public RotatedSecret rotateSecret(long brandId, long id) {
        WebhookSecret secret = WebhookSecret.generate(random);
        return dsl.transactionResult(() -> {
            var sealed = endpoints.sealedSecrets(brandId, id)
                    .orElseThrow(() -> new NotFoundException("no webhook endpoint with id " + id));
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime expires = now.plus(ROTATION_OVERLAP);
            endpoints.rotateSecret(brandId, id, vault.seal(brandId, secret), sealed.current(), expires, now);
            return new RotatedSecret(id, secret.encoded(), expires);
        });
    }

    /** Queues a webhook.test event to this endpoint only. */
    public QueuedMessage sendTest(long brandId, long id) {
        WebhookEndpoint endpoint = get(brandId, id);
        if (!endpoint.enabled()) {
            throw new ConflictException("webhook endpoint " + id + " is disabled; enable it (PATCH enabled=true) to send a test");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", id);
        data.put("message", "A test event from Touchmark: this endpoint receives and can verify webhooks.");
        return new QueuedMessage(outbox.publishTo(brandId, id, WebhookEvents.WEBHOOK_TEST, data));
    }

    /** A page of an endpoint's delivery log, newest first, each with its attempts. */
    public List<WebhookDelivery> deliveries(long brandId, long endpointId, int limit, Long beforeId) {
        get(brandId, endpointId);
        List<WebhookDelivery> page = deliveries.list(brandId, endpointId, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
        var attempts = deliveries.attempts(page.stream().map(WebhookDelivery::id).toList());
        return page.stream().map(d -> d.withAttempts(attempts.getOrDefault(d.id(), List.of()))).toList();
    }

    private String checkedUrl(String url, Validator validator) {
        try {
            return WebhookUrls.validate("url", url, allowPrivateNetworks).toString();
        } catch (ValidationException e) {
            e.errors().forEach(error -> validator.fail(error.field(), error.message()));
            return null;
        }
    }

    private static String description(String value, Validator validator) {
        String description = value == null || value.isBlank() ? null : value.strip();
        validator.check(description == null || description.length() <= MAX_DESCRIPTION, "description",
                "must be at most " + MAX_DESCRIPTION + " characters");
        return description;
    }

    private static List<String> eventTypes(List<String> requested, Validator validator) {
        if (requested == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (WebhookEvents.isKnown(type)) {
                types.add(type);
            } else {
                validator.fail("eventTypes", "'" + type + "' is not an event type; known: "
                        + String.join(", ", WebhookEvents.ALL));
            }
        }
        return List.copyOf(types);
    }

    /** Webhook deliveries waiting to be sent or retried, for every brand. */
    public int countPending() {
        return deliveries.countPending();
    }

    /** A dispatcher that delivers what the outbox holds from this node's threads; start it, close it at the end. */
    public WebhookDispatcher dispatcher(WebhookSettings settings) {
        WebhookDeliverer deliverer = new WebhookDeliverer(dsl, deliveries, endpoints, vault,
                new WebhookSender(settings, clock), new RetrySchedule(settings.retrySchedule(), random), clock);
        return new WebhookDispatcher(deliveries, deliverer, settings, clock);
    }
}
