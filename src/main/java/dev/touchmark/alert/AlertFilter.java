package dev.touchmark.alert;

import java.util.Optional;

/** What a list of alerts is narrowed to; empty parts match everything. */
public record AlertFilter(Optional<AlertStatus> status, Optional<Rule> rule, Optional<Severity> severity,
                          Optional<Long> batchId) {
    /** Every alert. */
    public static final AlertFilter ALL = new AlertFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
