package dev.touchmark.alert;

import dev.touchmark.domain.TimeWindow;
import java.util.Optional;

/**
 * What a list (or an export) of alerts is narrowed to; empty parts match everything. The window keeps the alerts seen
 * in it: first seen before it ends and last seen after it starts.
 */
public record AlertFilter(Optional<AlertStatus> status, Optional<Rule> rule, Optional<Severity> severity,
                          Optional<Long> batchId, TimeWindow window) {
    /** Every alert. */
    public static final AlertFilter ALL = new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), TimeWindow.ANY);
}
