package dev.touchmark.periodic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How long a regular report's period is: a week from Monday, or a calendar month (both in UTC). */
public enum PeriodKind {
    WEEKLY, MONTHLY;

    /** The id used in the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with an id, if any. */
    public static Optional<PeriodKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    /** The first day of the period of this kind that contains a day. */
    public LocalDate startOf(LocalDate day) {
        return this == WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    /** The first day after the period that starts on a day. */
    public LocalDate endAfter(LocalDate start) {
        return this == WEEKLY ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** True if a period of this kind may start on the day. */
    public boolean startsOn(LocalDate day) {
        return startOf(day).equals(day);
    }

    /** What a period's first day must be, in words. */
    String startRule() {
        return this == WEEKLY ? "a Monday" : "the first day of a month";
    }
}
