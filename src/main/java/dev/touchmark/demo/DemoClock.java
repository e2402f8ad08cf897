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

    /** This clock seen from another zone: the same moving instant, so it follows every later showTime. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        DemoClock demo = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return demo.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return demo.withZone(other);
            }
        };
    }
}
