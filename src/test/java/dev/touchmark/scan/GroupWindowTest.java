package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupWindowTest {
    private static final long HOLD = 250_000;
    private static final long GATHER_MAX = 1_000_000;
    private static final long START = 5_000_000_000L;

    /** Scans arriving every {@code gap} nanoseconds, {@code count} of them, from {@code from} on; returns the last time. */
    private static long arrive(GroupWindow window, long from, long gap, int count) {
        long at = from;
        for (int i = 0; i < count; i++) {
            at = from + i * gap;
            window.arrived(at);
        }
        return at;
    }

    @Test
    void rareScansAreCommittedAtOnce() {
        GroupWindow window = new GroupWindow(HOLD, GATHER_MAX, 8);
        long last = arrive(window, START, 1_000_000, 200); // 1,000 scans a second
        assertFalse(window.holding());
        assertEquals(last, window.deadline(last, last, 1, 80_000));
    }

    @Test
    void frequentScansHoldTheGroupUntilItsFirstScanWaitedTheHold() {
        GroupWindow window = new GroupWindow(HOLD, GATHER_MAX, 8);
        long last = arrive(window, START, 150_000, 200); // about 6,700 scans a second
        assertTrue(window.holding());
        assertEquals(last + HOLD, window.deadline(last, last, 1, 80_000));
        // A first scan that already waited (while the previous group committed) is held only for the rest.
        assertEquals(last + 100_000, window.deadline(last, last - 150_000, 2, 80_000));
        // One that waited the whole hold already is not held again.
        assertEquals(last, window.deadline(last, last - 400_000, 3, 80_000));
    }

    @Test
    void theHoldFollowsAChangeOfRateWithinAFewDozenScans() {
        GroupWindow window = new GroupWindow(HOLD, GATHER_MAX, 8);
        assertFalse(window.holding(), "before any scan");
        long last = arrive(window, START, 100_000, 60);
        assertTrue(window.holding(), "after 60 scans 100 µs apart: " + window.meanGapNanos());
        // A quiet spell: the rate falls, and the very next scans are no longer held for long.
        last = arrive(window, last + 60_000_000_000L, 2_000_000, 40);
        assertFalse(window.holding(), "after 40 scans 2 ms apart: " + window.meanGapNanos());
        last = arrive(window, last + 100_000, 100_000, 60);
        assertTrue(window.holding(), "busy again: " + window.meanGapNanos());
    }

    @Test
    void arrivalsStampedOutOfOrderDoNotCountAsBursts() {
        GroupWindow window = new GroupWindow(HOLD, GATHER_MAX, 8);
        long at = START;
        for (int i = 0; i < 200; i++) { // two scans a millisecond (500 µs apart on average), each pair taken in reverse
            at += 1_000_000;
            window.arrived(at);
            window.arrived(at - 900_000); // stamped 900 µs before the one taken just before it: no negative gap
        }
        assertFalse(window.holding(), "mean gap " + window.meanGapNanos());
    }

    @Test
    void heavyLoadGathersAsLongAsTheLastCommitTookAtMostTheMaximum() {
        GroupWindow window = new GroupWindow(HOLD, GATHER_MAX, 8);
        long now = START;
        assertEquals(now + 300_000, window.deadline(now, now - 2_000_000, 8, 300_000));
        assertEquals(now + GATHER_MAX, window.deadline(now, now - 2_000_000, 50, 5_000_000));
        assertEquals(now, window.deadline(now, now - 2_000_000, 7, 300_000), "fewer than gatherFrom, rare scans");
    }

    @Test
    void aZeroHoldNeverHolds() {
        GroupWindow window = new GroupWindow(0, GATHER_MAX, 8);
        long last = arrive(window, START, 1_000, 500);
        assertFalse(window.holding());
        assertEquals(last, window.deadline(last, last, 1, 80_000));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GroupWindow(-1, GATHER_MAX, 8));
        assertThrows(IllegalArgumentException.class, () -> new GroupWindow(HOLD, -1, 8));
        assertThrows(IllegalArgumentException.class, () -> new GroupWindow(HOLD, GATHER_MAX, 0));
    }
}
