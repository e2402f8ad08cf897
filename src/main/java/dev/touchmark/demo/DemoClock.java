package dev.touchmark.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time plus an offset the demo moves: set back while it seeds weeks of history, then back to zero so the
 * running server follows real time. Thread-safe: the server's threads read it while the seeder moves it.
 */
public final class DemoClock extends Clock {
    private final Clock real;
    private volatile Duration offset = Duration.ZERO;

    public DemoClock(Clock real) {
        this.real = real;
    }

    /** Makes the clock show the given past instant now (and run on from there). */
    public void showTime(Instant at) {
        offset = Duration.between(real.instant(), at);
    }

    /** Back to real time. */
    public void followRealTime() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return real.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the demo clock runs in UTC only");
        }
        return this;
    }
}
