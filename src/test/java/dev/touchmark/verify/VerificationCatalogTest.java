package dev.touchmark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.code.Base32;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import dev.touchmark.testsupport.FakeChangeCounter;
import dev.touchmark.testsupport.SimulatedClock;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
import dev.touchmark.verify.VerificationRepository.KeyInfo;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class VerificationCatalogTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeChangeCounter counter = new FakeChangeCounter();
    private final ChangeWatcher watcher = counter.polledWatcher(clock);
    private final FakeSource source = new FakeSource();
    private final VerificationCatalog catalog = new VerificationCatalog(source, watcher);
    private final Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
    private final String shortKid = Base32.encode(KeyIds.shortKid(pair.publicKey()));

    /** Keys and batches in memory, counting every read as the database would see it. */
    static final class FakeSource implements VerificationCatalog.Source {
        final Map<String, KeyInfo> keys = new ConcurrentHashMap<>();
        final Map<Long, BatchInfo> batches = new ConcurrentHashMap<>();
        final AtomicInteger keyLoads = new AtomicInteger();
        final AtomicInteger batchLoads = new AtomicInteger();

        @Override
        public Optional<KeyInfo> key(String shortKid) {
            keyLoads.incrementAndGet();
            return Optional.ofNullable(keys.get(shortKid));
        }

        @Override
        public Optional<BatchInfo> batch(long id) {
            batchLoads.incrementAndGet();
            return Optional.ofNullable(batches.get(id));
        }
    }

    private KeyInfo key(boolean revoked) {
        return new KeyInfo(7, 3, KeyIds.kid(pair.publicKey()), pair.publicKey(), revoked);
    }

    private static BatchInfo batch(long id, BatchStatus status) {
        return new BatchInfo(id, 3, 7, 50, status, null, "L-1", LocalDate.of(2028, 11, 30), "Serum", "A serum.", null,
                "Brand", Set.of("FR"), null);
    }

    /** Sixty-four bits as a short key id, like the ids forged codes carry. */
    private static String unknownKid(long n) {
        return Base32.encode(ByteBuffer.allocate(8).putLong(n ^ 0x5DEECE66DL).array());
    }

    @Test
    void aFloodOfUnknownKeyIdsLeavesTheRealKeyInMemory() {
        source.keys.put(shortKid, key(false));
        assertTrue(catalog.key(shortKid).isPresent());
        for (long n = 0; n < 300_000; n++) {
            assertTrue(catalog.key(unknownKid(n)).isEmpty());
        }
        int loads = source.keyLoads.get();
        assertEquals(300_001, loads, "each unknown id is read once while the flood lasts");
        VerificationCatalog.Key served = catalog.key(shortKid).orElseThrow();
        assertEquals(loads, source.keyLoads.get(), "the real key comes from memory, not the database");
        assertEquals(7, served.info().keyId());
    }

    @Tag("slow")
    @Test
    void aFloodOfUnknownBatchIdsLeavesTheRealBatchInMemory() {
        source.batches.put(5L, batch(5, BatchStatus.RELEASED));
        catalog.batch(5);
        for (long id = 1_000; id < 301_000; id++) {
            assertTrue(catalog.batch(id).isEmpty());
        }
        int loads = source.batchLoads.get();
        assertEquals(BatchStatus.RELEASED, catalog.batch(5).orElseThrow().status());
        assertEquals(loads, source.batchLoads.get());
    }

    @Test
    void aRecallMadeOnAnotherNodeIsServedOnceTheWatcherHasReadTheCounter() {
        source.batches.put(5L, batch(5, BatchStatus.RELEASED));
        assertEquals(BatchStatus.RELEASED, catalog.batch(5).orElseThrow().status());
        source.batches.put(5L, batch(5, BatchStatus.RECALLED)); // committed with its bump, elsewhere
        counter.bump();
        watcher.pollNow();
        assertEquals(BatchStatus.RECALLED, catalog.batch(5).orElseThrow().status());
    }

    @Test
    void aRevocationMadeOnAnotherNodeIsServedOnceTheWatcherHasReadTheCounter() {
        source.keys.put(shortKid, key(false));
        assertFalse(catalog.key(shortKid).orElseThrow().info().revoked());
        source.keys.put(shortKid, key(true));
        counter.bump();
        watcher.pollNow();
        assertTrue(catalog.key(shortKid).orElseThrow().info().revoked());
    }

    @Test
    void cachedKeysAndBatchesAreReadOnceWhileNothingChanges() {
        source.keys.put(shortKid, key(false));
        source.batches.put(5L, batch(5, BatchStatus.RELEASED));
        for (int i = 0; i < 100; i++) {
            catalog.key(shortKid);
            catalog.batch(5);
            watcher.pollNow();
        }
        assertEquals(1, source.keyLoads.get());
        assertEquals(1, source.batchLoads.get());
    }
}
