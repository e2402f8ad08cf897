package dev.touchmark.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.config.WebhookSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    /** A generator that always draws the same value of [0, 1). */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void theStandardScheduleMakesTenAttemptsThenGivesUp() {
        RetrySchedule schedule = new RetrySchedule(WebhookSettings.STANDARD_SCHEDULE, fixed(0.5));
        assertEquals(10, schedule.maxAttempts());
        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
                Duration.ofHours(20), Duration.ofHours(24));
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertEquals(Optional.of(expected.get(attempt - 1)), schedule.delayAfterFailure(attempt), "after attempt " + attempt);
        }
        assertEquals(Optional.empty(), schedule.delayAfterFailure(10), "no eleventh attempt");
        assertEquals(Optional.empty(), schedule.delayAfterFailure(11));
    }

    @Test
    void jitterStaysWithinTwentyPercentEitherWay() {
        assertEquals(Duration.ofSeconds(4), new RetrySchedule(WebhookSettings.STANDARD_SCHEDULE, fixed(0.0)).delayAfterFailure(1).orElseThrow());
        Duration highest = new RetrySchedule(WebhookSettings.STANDARD_SCHEDULE, fixed(Math.nextDown(1.0))).delayAfterFailure(9).orElseThrow();
        assertEquals(Duration.ofHours(24).toMillis() * 1.2, highest.toMillis(), 1.0);

        RetrySchedule schedule = new RetrySchedule(WebhookSettings.STANDARD_SCHEDULE, new Random(42));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long ms = schedule.delayAfterFailure(2).orElseThrow().toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        long base = Duration.ofMinutes(5).toMillis();
        assertTrue(min >= base * 0.8 && max <= base * 1.2, min + ".." + max);
        assertTrue(min < base * 0.85 && max > base * 1.15, "the spread is used: " + min + ".." + max);
    }
}
