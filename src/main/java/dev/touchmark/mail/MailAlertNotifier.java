package dev.touchmark.mail;

import dev.touchmark.alert.Alert;
import dev.touchmark.alert.AlertNotifier;
import dev.touchmark.alert.Severity;
import dev.touchmark.i18n.Lang;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Queues mail to the staff who asked for it when a high or critical alert opens, in the alert's transaction: the
 * message exists exactly when the alert does. Sending happens later, off the scan's path (MailDispatcher).
 */
public final class MailAlertNotifier implements AlertNotifier {
    private final MailRepository mail;
    private final MailTexts texts;
    private final Clock clock;

    public MailAlertNotifier(MailRepository mail, MailTexts texts, Clock clock) {
        this.mail = mail;
        this.texts = texts;
        this.clock = clock;
    }

    /** Whether an alert of this severity is mailed at once. */
    static boolean urgent(Severity severity) {
        return severity == Severity.HIGH || severity == Severity.CRITICAL;
    }

    @Override
    public void created(Alert alert) {
        if (!urgent(alert.severity())) {
            return;
        }
        String brand = mail.brandName(alert.brandId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Lang lang : Lang.values()) {
            MailTexts.Message message = texts.alert(alert, brand, lang);
            mail.queueForAlertReaders(alert.brandId(), lang, "alert:" + alert.id(), message.subject(), message.body(), now);
        }
    }

    @Override
    public void updated(Alert alert) {
        // Staff changed it themselves: nothing to tell them by mail.
    }
}
