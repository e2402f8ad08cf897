package dev.touchmark.scan;

import dev.touchmark.domain.TimeWindow;
import dev.touchmark.domain.Verdict;
import java.util.Optional;

/** What an export of the scan log is narrowed to: the days scanned, a batch (and a code of it), a verdict. */
public record ScanFilter(TimeWindow window, Optional<Long> batchId, Optional<Long> codeIndex, Optional<Verdict> verdict) {
    public ScanFilter {
        if (codeIndex.isPresent() && batchId.isEmpty()) {
            throw new IllegalArgumentException("a code index needs its batch");
        }
    }
}
