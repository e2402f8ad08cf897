package dev.touchmark.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per client (Bucket4j): a limit per period, with a burst of the same size. */
public final class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;
    private final long perPeriod;
    private final Duration period;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A limiter of perPeriod requests per period per client; 0 means unlimited. */
    public RateLimiter(long perPeriod, Duration period) {
        this.perPeriod = perPeriod;
        this.period = period;
    }

    /** Takes one token for the client, or throws TooManyRequests saying when to retry. */
    public void acquire(String client) {
        if (perPeriod <= 0) {
            return;
        }
        if (buckets.size() >= MAX_CLIENTS) {
            buckets.clear(); // bounded memory; at worst a client gets a fresh burst
        }
        Bucket bucket = buckets.computeIfAbsent(client == null ? "unknown" : client, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
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
