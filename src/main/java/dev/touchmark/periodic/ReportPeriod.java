package dev.touchmark.periodic;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One period of a regular report: its kind, its first day and the first day after it (UTC days). */
public record ReportPeriod(PeriodKind kind, LocalDate start, LocalDate endExclusive) {

    /** The period of a kind that starts on a day; the day must be a period start. */
    public static ReportPeriod of(PeriodKind kind, LocalDate start) {
        if (!kind.startsOn(start)) {
            throw new IllegalArgumentException(kind.id() + " periods start on " + kind.startRule() + ", not " + start);
        }
        return new ReportPeriod(kind, start, kind.endAfter(start));
    }

    /** The last day of the period. */
    public LocalDate lastDay() {
        return endExclusive.minusDays(1);
    }

    /** The instant the period starts, midnight UTC of its first day. */
    public OffsetDateTime startsAt() {
        return start.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The instant the period ends, midnight UTC after its last day. */
    public OffsetDateTime endsAt() {
        return endExclusive.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** True once the whole period is over at a moment. */
    public boolean endedBy(OffsetDateTime now) {
        return !endsAt().isAfter(now);
    }

    /** The period of the same kind just before this one. */
    public ReportPeriod previous() {
        return of(kind, kind.startOf(start.minusDays(1)));
    }
}
