package dev.touchmark.verify;

import dev.touchmark.domain.Verdict;

/** Counts the verdicts shoppers are given (for metrics); must be cheap and thread-safe, it runs on every scan. */
@FunctionalInterface
public interface VerdictCounter {
    /** Counts nothing. */
    VerdictCounter NONE = verdict -> { };

    void count(Verdict verdict);
}
