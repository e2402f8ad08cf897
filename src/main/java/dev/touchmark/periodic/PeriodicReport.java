package dev.touchmark.periodic;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A regular report as the API shows it: its period (first and last day, UTC), whether it is ready, who asked for it
 * ("schedule" for the automatic ones) and where to download it once ready.
 */
public record PeriodicReport(String id, String kind, LocalDate from, LocalDate to, String status, String requestedBy,
                             OffsetDateTime createdAt, OffsetDateTime readyAt, String pdfUrl, String csvUrl,
                             Integer pdfBytes, Integer csvBytes) {

    static final String PENDING = "pending";
    static final String READY = "ready";

    /** A report from its stored row. */
    static PeriodicReport of(long id, String kind, LocalDate start, LocalDate endExclusive, String status, String requestedBy,
                             OffsetDateTime createdAt, OffsetDateTime readyAt, Integer pdfBytes, Integer csvBytes) {
        boolean ready = READY.equals(status);
        String path = "/api/v1/periodic-reports/" + id;
        return new PeriodicReport(Long.toString(id), kind, start, endExclusive.minusDays(1), status, requestedBy, createdAt,
                readyAt, ready ? path + ".pdf" : null, ready ? path + ".csv" : null, pdfBytes, csvBytes);
    }
}
