package dev.touchmark.mail;

import dev.touchmark.alert.Alert;
import dev.touchmark.alert.AlertDigest;
import dev.touchmark.alert.Severity;
import dev.touchmark.i18n.Lang;
import dev.touchmark.i18n.Texts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words of staff mail (plain text, in the reader's language), with links into the dashboard. */
public final class MailTexts {
    /** Longest subject line: mail clients cut long ones, and summaries can be long. */
    static final int MAX_SUBJECT_CHARS = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private final Texts texts;
    private final String dashboardUrl;

    /** publicUrl: the installation's address, which the dashboard links start from. */
    public MailTexts(Texts texts, String publicUrl) {
        this.texts = texts;
        this.dashboardUrl = publicUrl + "/dashboard";
    }

    /** A message's subject and plain-text body. */
    public record Message(String subject, String body) {
    }

    /** The mail about an alert that just opened. */
    public Message alert(Alert alert, String brandName, Lang lang) {
        String severity = severity(alert.severity(), lang);
        String summary = alert.summary(lang);
        String subject = texts.format(lang, "mail.alert_subject", Map.of("severity", severity, "brand", brandName,
                "summary", summary));
        String body = String.join("\n",
                texts.format(lang, "mail.alert_intro", Map.of("severity", severity, "brand", brandName)),
                "",
                summary,
                "",
                texts.format(lang, "mail.alert_first_seen", Map.of("at", WHEN.format(alert.firstSeenAt().withOffsetSameInstant(ZoneOffset.UTC)))),
                texts.format(lang, "mail.alert_open_link", Map.of("url", alertUrl(alert.id()))),
                "",
                footer(lang));
        return new Message(clip(subject), body);
    }

    /** The digest of a brand's day. */
    public Message digest(AlertDigest digest, String brandName, LocalDate day, Lang lang) {
        Map<Severity, Integer> counts = digest.openedBySeverity();
        String subject = texts.format(lang, "mail.digest_subject", Map.of("brand", brandName, "n", digest.openedCount(),
                "day", day.toString()));
        StringBuilder body = new StringBuilder();
        body.append(texts.format(lang, "mail.digest_intro", Map.of("brand", brandName, "day", day.toString()))).append("\n\n");
        body.append(texts.format(lang, "mail.digest_counts", Map.of("n", digest.openedCount(),
                "critical", counts.getOrDefault(Severity.CRITICAL, 0), "high", counts.getOrDefault(Severity.HIGH, 0),
                "medium", counts.getOrDefault(Severity.MEDIUM, 0), "low", counts.getOrDefault(Severity.LOW, 0),
                "open", digest.openNow()))).append("\n\n");
        if (digest.opened().isEmpty()) {
            body.append(texts.text(lang, "mail.digest_none")).append("\n");
        } else {
            body.append(texts.text(lang, "mail.digest_listed")).append("\n");
            for (Alert alert : digest.opened()) {
                body.append(texts.format(lang, "mail.digest_line", Map.of("severity", severity(alert.severity(), lang),
                        "summary", alert.summary(lang), "url", alertUrl(alert.id())))).append("\n");
            }
            int more = digest.openedCount() - digest.opened().size();
            if (more > 0) {
                body.append(texts.format(lang, "mail.digest_more", Map.of("n", more, "url", dashboardUrl + "#/alerts"))).append("\n");
            }
        }
        body.append("\n").append(footer(lang));
        return new Message(clip(subject), body.toString());
    }

    private String footer(Lang lang) {
        return texts.format(lang, "mail.footer", Map.of("url", dashboardUrl + "#/notifications"));
    }

    private String alertUrl(long id) {
        return dashboardUrl + "#/alerts/" + id;
    }

    private String severity(Severity severity, Lang lang) {
        return texts.text(lang, "mail.severity_" + severity.id());
    }

    private static String clip(String subject) {
        String oneLine = subject.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_SUBJECT_CHARS ? oneLine : oneLine.substring(0, MAX_SUBJECT_CHARS - 1) + "…";
    }
}
