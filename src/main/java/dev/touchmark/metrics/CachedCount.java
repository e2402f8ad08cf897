package dev.touchmark.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A count that is expensive to take, taken again only when the last one is older than a maximum age. */
final class CachedCount {
    private static final Logger LOG = LoggerFactory.getLogger(CachedCount.class);
    private final IntSupplier source;
    private final Clock clock;
    private final long maxAgeMillis;
    private long takenAt = Long.MIN_VALUE;
    private double value = Double.NaN;

    CachedCount(IntSupplier source, Clock clock, Duration maxAge) {
        this.source = source;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    /** The count, at most the maximum age old; NaN if it could not be taken (Prometheus shows that as missing data). */
    synchronized double get() {
        long now = clock.millis();
        if (takenAt == Long.MIN_VALUE || now - takenAt >= maxAgeMillis) {
            takenAt = now;
            try {
                value = source.getAsInt();
            } catch (RuntimeException e) {
                LOG.warn("Could not take a count for metrics: {}", e.toString());
                value = Double.NaN;
            }
        }
        return value;
    }
}
