package dev.touchmark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.testsupport.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCountTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void scrapesWithinTheMaximumAgeDoNotCountAgain() {
        CachedCount count = new CachedCount(reads::incrementAndGet, clock, Duration.ofSeconds(5));
        assertEquals(1, count.get());
        clock.advance(Duration.ofMillis(4_999));
        assertEquals(1, count.get());
        clock.advance(Duration.ofMillis(1));
        assertEquals(2, count.get());
        assertEquals(2, reads.get());
    }

    @Test
    void aCountThatFailsShowsAsMissingDataAndIsRetriedLater() {
        CachedCount count = new CachedCount(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return 7;
        }, clock, Duration.ofSeconds(5));
        assertTrue(Double.isNaN(count.get()));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(7, count.get());
    }
}
