package dev.touchmark.periodic;

import java.time.OffsetDateTime;

/** Which regular reports a brand gets; monthly only unless its admin chose otherwise. */
public record ReportSchedule(boolean weekly, boolean monthly, OffsetDateTime updatedAt, String updatedBy) {
    /** What a brand gets before its admin chooses. */
    static final ReportSchedule DEFAULT = new ReportSchedule(false, true, null, null);

    /** True if the brand gets reports of a kind. */
    boolean wants(PeriodKind kind) {
        return kind == PeriodKind.WEEKLY ? weekly : monthly;
    }
}
