package dev.touchmark.webhook;

import dev.touchmark.webhook.WebhookDelivery.Attempt;
import dev.touchmark.webhook.WebhookDelivery.Status;
import dev.touchmark.webhook.WebhookDeliveryRepository.Outgoing;
import dev.touchmark.webhook.WebhookSender.Result;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Makes one attempt at a claimed delivery and records its outcome: success, retry later, give up, or 410. */
public final class WebhookDeliverer {
    private static final int MAX_ERROR = 1000;
    private final DSLContext dsl;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookSecretVault vault;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Clock clock;

    public WebhookDeliverer(DSLContext dsl, WebhookDeliveryRepository deliveries, WebhookEndpointRepository endpoints,
                            WebhookSecretVault vault, WebhookSender sender, RetrySchedule schedule, Clock clock) {
        this.dsl = dsl;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.vault = vault;
        this.sender = sender;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Sends a delivery this worker has claimed, once, and records what happened. */
    public void deliver(long deliveryId) throws InterruptedException {
        Optional<Outgoing> found = deliveries.outgoing(deliveryId);
        if (found.isEmpty() || !Status.PENDING.id().equals(found.get().status())) {
            return;
        }
        Outgoing delivery = found.get();
        if (!delivery.endpointEnabled()) {
            dsl.transaction(() -> deliveries.cancelPending(delivery.endpointId(), "cancelled: the endpoint is disabled",
                    OffsetDateTime.now(clock)));
            return;
        }
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        long started = System.nanoTime();
        Result result = sender.send(URI.create(delivery.url()), delivery.messageId(),
                delivery.payload().getBytes(StandardCharsets.UTF_8), secrets(delivery, startedAt));
        int durationMs = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
        record(delivery, result, startedAt, durationMs);
    }

    /** The current secret, and the previous one while its rotation overlap lasts. */
    private List<WebhookSecret> secrets(Outgoing delivery, OffsetDateTime now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(vault.open(delivery.brandId(), delivery.secrets().current()));
        if (delivery.secrets().previous() != null && delivery.secrets().previousExpiresAt() != null
                && delivery.secrets().previousExpiresAt().isAfter(now)) {
            secrets.add(vault.open(delivery.brandId(), delivery.secrets().previous()));
        }
        return secrets;
    }

    private void record(Outgoing delivery, Result result, OffsetDateTime startedAt, int durationMs) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int attemptNumber = delivery.attempts() + 1;
        Integer statusCode = result instanceof Result.Answered answered ? answered.statusCode() : null;
        boolean delivered = statusCode != null && statusCode >= 200 && statusCode < 300;
        boolean gone = statusCode != null && statusCode == 410;
        String error = delivered ? null : truncate(errorOf(result));
        Optional<Duration> retryIn = delivered || gone ? Optional.empty() : schedule.delayAfterFailure(attemptNumber);
        Status status = delivered ? Status.SUCCEEDED : retryIn.isPresent() ? Status.PENDING : Status.FAILED;
        OffsetDateTime next = retryIn.map(now::plus).orElse(null);
        String lastError = status == Status.FAILED && !gone
                ? truncate(error + " (gave up after " + attemptNumber + " attempts)") : error;
        dsl.transaction(() -> {
            boolean moved = deliveries.finishAttempt(delivery.id(), delivery.attempts(), status, next, statusCode, lastError, now);
            if (moved || deliveries.exists(delivery.id())) { // the endpoint may have been deleted meanwhile
                deliveries.insertAttempt(delivery.id(), new Attempt(startedAt, statusCode, durationMs, error));
            }
            if (gone) {
                endpoints.disable(delivery.brandId(), delivery.endpointId(), "the receiver answered 410 Gone to message "
                        + delivery.messageId() + " at " + now + ": it asked not to be sent webhooks any more", now);
                deliveries.cancelPending(delivery.endpointId(), "cancelled: the endpoint was disabled after a 410 Gone", now);
            }
        });
    }

    private static String errorOf(Result result) {
        if (result instanceof Result.NotSent notSent) {
            return notSent.error();
        }
        Result.Answered answered = (Result.Answered) result;
        int code = answered.statusCode();
        if (code == 410) {
            return "410 Gone: the endpoint was disabled";
        }
        if (code >= 300 && code < 400) {
            return "redirect " + code + (answered.location() == null ? "" : " to " + answered.location())
                    + " not followed: a webhook URL must answer with 2xx itself";
        }
        return "the receiver answered HTTP " + code + " (only 2xx counts as delivered)";
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 3) + "...";
    }
}
