package dev.touchmark.alert;

import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;
import java.util.List;

/** An alert as the API shows it; evidence and history only in the detail. */
public record AlertView(String id, String rule, String severity, String status, String summary, String subject,
                        String batchId, String codeIndex, String country, Double lat, Double lon, long hits,
                        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime updatedAt,
                        OffsetDateTime statusChangedAt, String statusChangedBy, String statusComment,
                        List<Evidence> evidence, List<StatusChange> history) {

    /** A scan (or report) behind an alert, in words. */
    public record Evidence(String scanId, OffsetDateTime seenAt, String note) {
    }

    /** One status change: who moved the alert from what to what, when, and why. */
    public record StatusChange(OffsetDateTime at, String actor, String from, String to, String comment) {
    }

    /** The list form with the summary as stored, in English: what webhooks carry. */
    public static AlertView of(Alert a) {
        return build(a, a.summary(), null, null);
    }

    /** The list form, the summary in a language. */
    public static AlertView of(Alert a, Lang lang) {
        return build(a, a.summary(lang), null, null);
    }

    /** The detail form, the summary in a language (the evidence notes are in it already). */
    public static AlertView of(Alert a, Lang lang, List<Evidence> evidence, List<StatusChange> history) {
        return build(a, a.summary(lang), evidence, history);
    }

    private static AlertView build(Alert a, String summary, List<Evidence> evidence, List<StatusChange> history) {
        return new AlertView(Long.toString(a.id()), a.rule().id(), a.severity().id(), a.status().id(), summary,
                a.subject(), a.batchId() == null ? null : Long.toString(a.batchId()),
                a.codeIndex() == null ? null : Long.toString(a.codeIndex()), a.country(),
                a.latTenths() == null ? null : a.latTenths() / 10.0, a.lonTenths() == null ? null : a.lonTenths() / 10.0,
                a.hits(), a.firstSeenAt(), a.lastSeenAt(), a.updatedAt(), a.statusChangedAt(), a.statusChangedBy(),
                a.statusComment(), evidence, history);
    }
}
