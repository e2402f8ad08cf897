package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.testsupport.FakeChangeCounter;
import dev.touchmark.testsupport.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChangeWatcherTest {
    /** Long enough that the watcher thread never polls on its own during a test: every reading is one the test asks for. */
    private static final Duration NEVER = Duration.ofHours(1);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeChangeCounter counter = new FakeChangeCounter();

    @Test
    void nothingIsCurrentBeforeTheCounterWasEverRead() {
        ChangeWatcher watcher = counter.watcher(clock);
        assertFalse(watcher.isCurrent(watcher.generation()));
        watcher.pollNow();
        assertTrue(watcher.isCurrent(watcher.generation()));
    }

    @Test
    void aCounterThatMovedMakesEntriesStampedBeforeItMisses() {
        ChangeWatcher watcher = counter.polledWatcher(clock);
        long before = watcher.generation();
        watcher.pollNow();
        assertTrue(watcher.isCurrent(before), "an unchanged counter keeps the generation");
        counter.bump();
        assertTrue(watcher.isCurrent(before), "a change is not known until the counter is read");
        watcher.pollNow();
        assertFalse(watcher.isCurrent(before));
        assertTrue(watcher.isCurrent(watcher.generation()));
    }

    @Test
    void aCounterThatWentBackAlsoCountsAsAChange() {
        counter.set(40);
        ChangeWatcher watcher = counter.polledWatcher(clock);
        long before = watcher.generation();
        counter.set(12); // a backup restored under a running server
        watcher.pollNow();
        assertFalse(watcher.isCurrent(before));
    }

    @Test
    void withoutAReadingForLongerThanTheMaximumLagNothingIsCurrent() {
        ChangeWatcher watcher = counter.polledWatcher(clock);
        long stamp = watcher.generation();
        clock.advance(ChangeWatcher.MAX_LAG);
        assertTrue(watcher.isCurrent(stamp));
        clock.advance(Duration.ofMillis(1));
        assertFalse(watcher.isCurrent(stamp), "a watcher that cannot read the counter must not vouch for old entries");
        watcher.pollNow();
        assertTrue(watcher.isCurrent(stamp), "a reading that finds nothing changed vouches for them again");
    }

    @Test
    void aFailedReadingVouchesForNothing() {
        AtomicBoolean down = new AtomicBoolean();
        ChangeWatcher watcher = new ChangeWatcher(() -> {
            if (down.get()) {
                throw new IllegalStateException("database unreachable");
            }
            return 3;
        }, () -> { }, clock, ChangeWatcher.MAX_LAG);
        watcher.pollNow();
        long stamp = watcher.generation();
        down.set(true);
        clock.advance(Duration.ofSeconds(2));
        try {
            watcher.pollNow();
        } catch (IllegalStateException expected) {
            // the thread logs it; here it only must not count as a reading
        }
        assertFalse(watcher.isCurrent(stamp));
    }

    @Test
    void startingReadsTheCounterAtOnce() {
        try (ChangeWatcher watcher = counter.watcher(clock).start(NEVER)) {
            assertEquals(1, counter.reads());
            assertTrue(watcher.isCurrent(watcher.generation()));
        }
    }

    @Test
    void catchingUpAfterALocalChangeReadsOnTheWatcherThreadAndReturnsOnlyOnceItHas() {
        try (ChangeWatcher watcher = counter.watcher(clock).start(NEVER)) {
            long before = watcher.generation();
            watcher.bump(); // in the caller's transaction, in real life
            watcher.catchUp();
            assertEquals("touchmark-change-watcher", counter.lastReader(),
                    "not the caller's thread, whose transaction may not have committed");
            assertFalse(watcher.isCurrent(before));
        }
    }

    @Test
    void aClosedWatcherNoLongerReads() {
        ChangeWatcher watcher = counter.watcher(clock).start(NEVER);
        watcher.close();
        int reads = counter.reads();
        watcher.catchUp();
        watcher.close();
        assertEquals(reads, counter.reads());
        assertNotEquals(0, reads);
    }
}
