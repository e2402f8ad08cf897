package dev.touchmark.alert;

import java.time.OffsetDateTime;

/** One alert: a rule that fired for a subject (a code, a batch, a batch in a country, a map cell, a report). */
public record Alert(long id, long brandId, Rule rule, String subject, Severity severity, AlertStatus status,
                    String summary, Long batchId, Long codeIndex, String country, Integer latTenths, Integer lonTenths,
                    long hits, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime updatedAt,
                    OffsetDateTime statusChangedAt, String statusChangedBy, String statusComment) {
}
