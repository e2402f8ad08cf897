package dev.touchmark.scan;

/** A scan durably in the log: its id, its outcome, (for tracked codes) the code's history, and its risk. */
public record RecordedScan(long scanId, Outcome outcome, CodeHistory history, Assessment assessment) {
}
