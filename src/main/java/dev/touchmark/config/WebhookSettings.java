package dev.touchmark.config;

import java.time.Duration;
import java.util.List;

/**
 * Settings of webhook delivery. Only allowPrivateNetworks comes from the environment
 * (TOUCHMARK_WEBHOOK_ALLOW_PRIVATE); the rest are the documented defaults, replaced in tests so that
 * retries take milliseconds rather than hours.
 *
 * @param allowPrivateNetworks whether endpoints may be on loopback, private or link-local addresses
 * @param retrySchedule        the delay before each attempt, the first usually zero; its length is the attempt count
 * @param workers              deliveries sent at the same time by one node
 * @param pollInterval         how often a node looks for due deliveries
 * @param leaseTimeout         how long a claimed delivery belongs to its worker before another node may retry it
 * @param connectTimeout       TCP and TLS connection timeout
 * @param requestTimeout       time allowed for the receiver's answer
 */
public record WebhookSettings(boolean allowPrivateNetworks, List<Duration> retrySchedule, int workers,
                              Duration pollInterval, Duration leaseTimeout, Duration connectTimeout,
                              Duration requestTimeout) {

    /** The Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
    public static final List<Duration> STANDARD_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    public WebhookSettings {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.isEmpty() || workers < 1) {
            throw new IllegalArgumentException("a retry schedule of at least one attempt and one worker are needed");
        }
        if (leaseTimeout.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
            throw new IllegalArgumentException("the lease must outlast a whole attempt, or two nodes could send at once");
        }
    }

    /** The documented defaults: private networks refused. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(false, STANDARD_SCHEDULE, 8, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** A copy that allows or refuses private networks. */
    public WebhookSettings withAllowPrivateNetworks(boolean allow) {
        return new WebhookSettings(allow, retrySchedule, workers, pollInterval, leaseTimeout, connectTimeout, requestTimeout);
    }

    /** A copy with another retry schedule. */
    public WebhookSettings withRetrySchedule(List<Duration> schedule) {
        return new WebhookSettings(allowPrivateNetworks, schedule, workers, pollInterval, leaseTimeout, connectTimeout, requestTimeout);
    }

    /** A copy with other timing (tests). */
    public WebhookSettings withTiming(Duration poll, Duration lease, Duration connect, Duration request) {
        return new WebhookSettings(allowPrivateNetworks, retrySchedule, workers, poll, lease, connect, request);
    }
}
