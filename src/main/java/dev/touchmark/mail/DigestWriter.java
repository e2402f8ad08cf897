package dev.touchmark.mail;

import dev.touchmark.alert.AlertDigest;
import dev.touchmark.alert.AlertService;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the daily digest of the previous UTC day for everyone who wants it, once the configured time of day has
 * passed. Every node may try: a reader's digest of a day is one row (its topic names the day), so it is written once.
 */
public final class DigestWriter {
    /** Alerts listed by name in a digest; the rest are counted. */
    static final int LISTED = 20;
    /** Readers handled per poll, so one poll stays short however many there are. */
    private static final int READERS_PER_POLL = 500;
    private final MailRepository mail;
    private final AlertService alerts;
    private final MailTexts texts;
    private final LocalTime sendAfter;

    public DigestWriter(MailRepository mail, AlertService alerts, MailTexts texts, LocalTime sendAfter) {
        this.mail = mail;
        this.alerts = alerts;
        this.texts = texts;
        this.sendAfter = sendAfter;
    }

    /** The day whose digest is due at a time: yesterday once the time of day has passed, the day before until then. */
    LocalDate dueDay(OffsetDateTime now) {
        OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = utc.toLocalDate();
        return utc.toLocalTime().isBefore(sendAfter) ? today.minusDays(2) : today.minusDays(1);
    }

    /** Queues the due digests not written yet; how many this call queued. */
    public int writeDue(OffsetDateTime now) {
        LocalDate day = dueDay(now);
        String topic = "digest:" + day;
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        Map<Long, AlertDigest> byBrand = new HashMap<>();
        int queued = 0;
        for (MailRepository.DigestReader reader : mail.digestReadersWithout(topic, from.plusDays(1), READERS_PER_POLL)) {
            AlertDigest digest = byBrand.computeIfAbsent(reader.brandId(), brand -> alerts.digest(brand, from, from.plusDays(1), LISTED));
            MailTexts.Message message = texts.digest(digest, reader.brandName(), day, reader.language());
            if (mail.queue(reader.brandId(), reader.userId(), topic, message.subject(), message.body(), now)) {
                queued++;
            }
        }
        return queued;
    }
}
