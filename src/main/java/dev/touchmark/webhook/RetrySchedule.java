package dev.touchmark.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again: the delay before each attempt, spread by about +-20% so that endpoints
 * coming back after an outage are not hit by every retry at the same instant.
 */
public final class RetrySchedule {
    static final double JITTER = 0.2;
    private final List<Duration> delays;
    private final RandomGenerator random;

    /** delays.get(n) is the wait before attempt n + 1; the first is usually zero (send at once). */
    public RetrySchedule(List<Duration> delays, RandomGenerator random) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a schedule has at least one attempt");
        }
        this.delays = List.copyOf(delays);
        this.random = random;
    }

    /** How many attempts a delivery gets in all. */
    public int maxAttempts() {
        return delays.size();
    }

    /** The wait after a failed attempt number attemptsMade (1-based), or empty when none is left. */
    public Optional<Duration> delayAfterFailure(int attemptsMade) {
        if (attemptsMade < 1 || attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(attemptsMade);
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }
}
