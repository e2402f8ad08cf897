package dev.touchmark.scan;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Counterfeit detection as the scan writer sees it: a risk assessment of each scan, in scan order, before its
 * verdict is decided, and a look at the whole group once it is written, in the same transaction, to raise
 * alerts. Both run on the writer thread, so they see every scan recorded before.
 */
public interface ScanJudge {
    /**
     * A group's transaction begins (again, after a retry), with its scans: forget what was found for any group before,
     * and read what the group's scans will need at once.
     */
    default void startGroup(List<ScanToRecord> group) {
    }

    /** Assesses one scan; history is null for scans that do not track a code. */
    Assessment assess(ScanToRecord scan, CodeHistory history, long scanId, OffsetDateTime now);

    /**
     * Assesses a scan that counts for nothing (a link preview, a staff check) from its code's history without it: for
     * the verdict alone, with no side effect (it moves no code's last location, and raises nothing).
     */
    default Assessment assessUncounted(ScanToRecord scan, CodeHistory history) {
        return Assessment.CLEAN;
    }

    /** Called with the written group's scans that count, inside its transaction. */
    void afterWrite(List<Judged> group, OffsetDateTime now);

    /** A written scan with what was decided about it. */
    record Judged(long scanId, ScanToRecord scan, CodeHistory history, Outcome outcome, Assessment assessment) {
    }

    /** No detection: every scan scores 0 (tests of the scan log alone). */
    ScanJudge NONE = new ScanJudge() {
        @Override
        public Assessment assess(ScanToRecord scan, CodeHistory history, long scanId, OffsetDateTime now) {
            return Assessment.CLEAN;
        }

        @Override
        public void afterWrite(List<Judged> group, OffsetDateTime now) {
        }
    };
}
