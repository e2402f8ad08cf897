package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.testsupport.FakeChangeCounter;
import dev.touchmark.testsupport.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeChangeCounter counter = new FakeChangeCounter();
    private final ChangeWatcher watcher = counter.polledWatcher(clock);
    /** The "database": batch id to status. */
    private final Map<Long, String> statuses = new ConcurrentHashMap<>(Map.of(1L, "released", 2L, "released"));
    private final AtomicInteger loads = new AtomicInteger();

    private VersionedCache<Long, String> cache(long maxFound, long maxMissing) {
        return new VersionedCache<>(watcher, maxFound, maxMissing, id -> {
            loads.incrementAndGet();
            return Optional.ofNullable(statuses.get(id));
        });
    }

    @Test
    void whatWasLoadedAndWhatWasNotFoundAreServedFromMemoryUntilSomethingChanges() {
        VersionedCache<Long, String> cache = cache(10, 10);
        assertEquals(Optional.of("released"), cache.get(1L));
        assertEquals(Optional.empty(), cache.get(99L));
        assertEquals(Optional.of("released"), cache.get(1L));
        assertEquals(Optional.empty(), cache.get(99L));
        assertEquals(2, loads.get());
    }

    @Test
    void aChangeSeenByTheWatcherMakesEveryEntryAMiss() {
        VersionedCache<Long, String> cache = cache(10, 10);
        cache.get(1L);
        cache.get(99L);
        statuses.put(1L, "recalled");
        statuses.put(99L, "draft");
        counter.bump();
        assertEquals(Optional.of("released"), cache.get(1L), "until the watcher reads the counter");
        watcher.pollNow();
        assertEquals(Optional.of("recalled"), cache.get(1L));
        assertEquals(Optional.of("draft"), cache.get(99L));
        assertEquals(4, loads.get());
    }

    @Test
    void aLoadThatRacedWithARecallIsNotServedOnceTheWatcherSawTheRecall() {
        // The load reads the old row; the recall commits and the watcher sees it before the load puts its entry.
        VersionedCache<Long, String> cache = new VersionedCache<>(watcher, 10, 10, id -> {
            loads.incrementAndGet();
            String read = statuses.get(id);
            if (loads.get() == 1) {
                statuses.put(id, "recalled");
                counter.bump();
                watcher.pollNow();
            }
            return Optional.ofNullable(read);
        });
        assertEquals(Optional.of("released"), cache.get(1L), "the answer of the request that raced");
        assertEquals(Optional.of("recalled"), cache.get(1L), "never again after it");
        assertEquals(Optional.of("recalled"), cache.get(1L));
        assertEquals(2, loads.get());
    }

    @Test
    void aFloodOfUnknownIdsCannotEvictWhatExists() {
        VersionedCache<Long, String> cache = cache(10, 100);
        cache.get(1L);
        cache.get(2L);
        for (long id = 1_000; id < 11_000; id++) {
            assertEquals(Optional.empty(), cache.get(id));
        }
        int afterFlood = loads.get();
        assertEquals(Optional.of("released"), cache.get(1L));
        assertEquals(Optional.of("released"), cache.get(2L));
        assertEquals(afterFlood, loads.get());
    }

    @Test
    void aWatcherThatHasNotReadTheCounterForASecondSendsEveryLookupToTheDatabase() {
        VersionedCache<Long, String> cache = cache(10, 10);
        cache.get(1L);
        clock.advance(Duration.ofMillis(1_001));
        cache.get(1L);
        cache.get(1L);
        assertEquals(3, loads.get());
        watcher.pollNow();
        cache.get(1L);
        assertEquals(3, loads.get());
    }

    @Test
    void anIdThatAppearsAfterBeingUnknownIsFoundAfterTheNextChange() {
        VersionedCache<Long, String> cache = cache(10, 10);
        assertEquals(Optional.empty(), cache.get(3L));
        statuses.put(3L, "draft"); // a new batch: no bump; its release will bump
        statuses.put(3L, "released");
        counter.bump();
        watcher.pollNow();
        assertEquals(Optional.of("released"), cache.get(3L));
    }
}
