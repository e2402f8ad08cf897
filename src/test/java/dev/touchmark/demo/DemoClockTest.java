package dev.touchmark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoClockTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void inAnotherZoneItShowsTheSameMovingTime() {
        DemoClock demo = new DemoClock(Clock.fixed(NOW, ZoneOffset.UTC));
        Clock paris = demo.withZone(ZoneId.of("Europe/Paris"));
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        Instant past = Instant.parse("2026-11-01T08:30:00Z");
        demo.showTime(past);
        assertEquals(past, paris.instant(), "the zoned view follows the demo's time");
        demo.followRealTime();
        assertEquals(NOW, paris.instant());
        assertSame(demo, paris.withZone(ZoneOffset.UTC));
        assertSame(demo, demo.withZone(ZoneOffset.UTC));
    }
}
