package dev.touchmark.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private static List<DemoScenario.Scan> generate(long seed) {
        return DemoScenario.generate(DemoData.BRANDS.get(0).scans(), seed, START, 30);
    }

    @Test
    void theSameSeedGivesTheSameScansAndAnotherSeedOthers() {
        assertEquals(generate(1), generate(1));
        assertNotEquals(generate(1), generate(2));
    }

    @Test
    void scansAreInOrderWithinTheMonth() {
        List<DemoScenario.Scan> scans = generate(1);
        for (int i = 1; i < scans.size(); i++) {
            assertTrue(!scans.get(i).at().isBefore(scans.get(i - 1).at()));
        }
        assertTrue(!scans.get(0).at().isBefore(START));
        assertTrue(scans.get(scans.size() - 1).at().isBefore(START.plus(Duration.ofDays(30))));
    }

    @Test
    void aForgedCodeDiffersFromTheGenuineOneInOneCharacter() {
        String url = "https://tm.example/V/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String forged = DemoScenario.forge(url);
        assertEquals(url.length(), forged.length());
        assertNotEquals(url, forged);
    }
}
