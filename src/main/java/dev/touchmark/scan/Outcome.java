package dev.touchmark.scan;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;

/** The verdict stored with a scan, and why it is not genuine (null unless it is not). */
public record Outcome(Verdict verdict, NotGenuineReason reason) {
}
