package dev.touchmark.scan;

/** A scan durably in the log: its id, its outcome and (for tracked codes) the code's history. */
public record RecordedScan(long scanId, Outcome outcome, CodeHistory history) {
}
