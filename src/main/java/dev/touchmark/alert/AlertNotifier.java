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

    /** Tells every notifier in order (all inside the same transaction). */
    static AlertNotifier all(AlertNotifier... notifiers) {
        java.util.List<AlertNotifier> list = java.util.List.of(notifiers);
        return new AlertNotifier() {
            @Override
            public void created(Alert alert) {
                list.forEach(n -> n.created(alert));
            }

            @Override
            public void updated(Alert alert) {
                list.forEach(n -> n.updated(alert));
            }
        };
    }

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
