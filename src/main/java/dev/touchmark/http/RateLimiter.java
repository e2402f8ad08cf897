package dev.touchmark.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets per client (Bucket4j): a limit per period, with a burst of the same size. The buckets are bounded
 * (Caffeine): a bucket left alone for a period is full again, so dropping it changes nothing; past MAX_CLIENTS the
 * clients seen least often go first, so a flood of new client addresses cannot reset the buckets of clients that
 * are being limited.
 */
public final class RateLimiter {
    static final int MAX_CLIENTS = 100_000;
    private final long perPeriod;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    private final TimeMeter time;

    /** A limiter of perPeriod requests per period per client; 0 means unlimited. */
    public RateLimiter(long perPeriod, Duration period) {
        this(perPeriod, period, System::nanoTime);
    }

    /** The same on a time source of its own (nanoseconds, monotonic), so tests decide when tokens come back. */
    RateLimiter(long perPeriod, Duration period, LongSupplier nanoTime) {
        this.perPeriod = perPeriod;
        this.period = period;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        // Evictions run on the calling thread: no pool of Caffeine's own, and the bound holds when acquire returns.
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(period).executor(Runnable::run)
                .ticker(nanoTime::getAsLong).build();
    }

    /** Takes one token for the client, or throws TooManyRequests saying when to retry. */
    public void acquire(String client) {
        if (perPeriod <= 0) {
            return;
        }
        Bucket bucket = buckets.get(client == null ? "unknown" : client, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** How many clients have a bucket now (for tests of the bound). */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** The client went over its limit; retryAfterSeconds is when one more request will be accepted. */
    public static final class TooManyRequests extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        public TooManyRequests(long retryAfterSeconds) {
            this("too many requests; try again in " + retryAfterSeconds + " s", retryAfterSeconds);
        }

        public TooManyRequests(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
