package dev.touchmark.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until its owner moves it, so a test or a simulation can run days of scans in
 * seconds. Thread-safe: the server's threads read it while the driver sets it. It never goes back.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to a time, or leaves it where it is if that time is already past. */
    public synchronized void advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
        }
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a simulated clock never goes back: " + step);
        }
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the simulated clock runs in UTC only");
        }
        return this;
    }
}
