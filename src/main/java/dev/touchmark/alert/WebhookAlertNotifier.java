package dev.touchmark.alert;

import dev.touchmark.webhook.WebhookEvents;
import dev.touchmark.webhook.WebhookOutbox;

/**
 * Alerts to webhooks: alert.created when an alert opens, alert.updated when it changes status, queued in the
 * outbox inside the transaction that made the change, so a delivery exists exactly when the change does.
 */
public final class WebhookAlertNotifier implements AlertNotifier {
    private final WebhookOutbox outbox;

    public WebhookAlertNotifier(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void created(Alert alert) {
        outbox.publish(alert.brandId(), WebhookEvents.ALERT_CREATED, AlertView.of(alert));
    }

    @Override
    public void updated(Alert alert) {
        outbox.publish(alert.brandId(), WebhookEvents.ALERT_UPDATED, AlertView.of(alert));
    }
}
