package dev.touchmark.report;

import dev.touchmark.domain.TimeWindow;
import dev.touchmark.domain.Verdict;
import java.util.Optional;

/** What a list (or an export) of shopper reports is narrowed to: the days they were sent, a batch, a verdict. */
public record ReportFilter(TimeWindow window, Optional<Long> batchId, Optional<Verdict> verdict) {
    /** Every report. */
    public static final ReportFilter ALL = new ReportFilter(TimeWindow.ANY, Optional.empty(), Optional.empty());
}
