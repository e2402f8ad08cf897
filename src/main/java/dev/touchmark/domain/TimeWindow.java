package dev.touchmark.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The days a list or an export is narrowed to: from and to are UTC days, both inclusive, and either may be left open
 * (null). The query parameters {@code from} and {@code to} (YYYY-MM-DD) of the alert, report and scan lists.
 */
public record TimeWindow(LocalDate from, LocalDate to) {
    /** Every day. */
    public static final TimeWindow ANY = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") must be on or after 'from' (" + from + ")");
        }
    }

    /** The first moment inside, if the window has a start. */
    public Optional<OffsetDateTime> start() {
        return Optional.ofNullable(from).map(day -> day.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    /** The first moment after the window (the day after 'to' begins), if it has an end. */
    public Optional<OffsetDateTime> end() {
        return Optional.ofNullable(to).map(day -> day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }
}
