package dev.touchmark.alert;

/**
 * Told, inside the transaction that made the change, when an alert is created or changes status, so that
 * deliveries (webhooks) are committed with the alert or not at all.
 */
public interface AlertNotifier {
    /** An alert was opened. */
    void created(Alert alert);

    /** An alert changed status. */
    void updated(Alert alert);

    /** Nobody to tell. */
    AlertNotifier NONE = new AlertNotifier() {
        @Override
        public void created(Alert alert) {
        }

        @Override
        public void updated(Alert alert) {
        }
    };
}
