package dev.touchmark.alert;

import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;

/**
 * One alert: a rule that fired for a subject (a code, a batch, a batch in a country, a map cell, a report). summary is
 * the stored English sentence; summaryText its facts, null for alerts raised before facts were kept.
 */
public record Alert(long id, long brandId, Rule rule, String subject, Severity severity, AlertStatus status,
                    String summary, AlertText summaryText, Long batchId, Long codeIndex, String country, Integer latTenths, Integer lonTenths,
                    long hits, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime updatedAt,
                    OffsetDateTime statusChangedAt, String statusChangedBy, String statusComment) {

    /**
     * The summary in a language; the stored English when the facts are unknown, or when they no longer say what the
     * stored English says (a node of an older version added a hit and rewrote only the English, as webhooks send it).
     */
    public String summary(Lang lang) {
        if (summaryText == null || lang == Lang.EN) {
            return summary;
        }
        return summaryText.in(Lang.EN).equals(summary) ? summaryText.in(lang) : summary;
    }
}
