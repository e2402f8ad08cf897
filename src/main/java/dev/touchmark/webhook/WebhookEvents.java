package dev.touchmark.webhook;

import java.util.List;

/** Every event type Touchmark sends; the one list that endpoints filter on and publishers choose from. */
public final class WebhookEvents {
    /** A counterfeit alert was raised. */
    public static final String ALERT_CREATED = "alert.created";
    /** An alert changed (status, more evidence). */
    public static final String ALERT_UPDATED = "alert.updated";
    /** A brand's weekly or monthly report was generated and can be downloaded. */
    public static final String REPORT_READY = "report.ready";
    /** Sent on request to one endpoint to check that it receives and verifies webhooks. */
    public static final String WEBHOOK_TEST = "webhook.test";
    /** A signal of the brand matched an item other members of one of its alliances share. */
    public static final String ALLIANCE_INTEL_MATCHED = "alliance.intel.matched";

    /** All of them, in documentation order. */
    public static final List<String> ALL = List.of(ALERT_CREATED, ALERT_UPDATED, REPORT_READY, WEBHOOK_TEST,
            ALLIANCE_INTEL_MATCHED);

    private WebhookEvents() {
    }

    /** True if Touchmark sends this event type. */
    public static boolean isKnown(String type) {
        return type != null && ALL.contains(type);
    }
}
