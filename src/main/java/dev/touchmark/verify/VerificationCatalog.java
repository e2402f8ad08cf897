package dev.touchmark.verify;

import dev.touchmark.db.ChangeCounter;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
import dev.touchmark.verify.VerificationRepository.KeyInfo;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * In-memory keys and batches for the hot path, so a verification reaches no database for them. Every
 * change to keys or batch status bumps the change counter in the same transaction; the catalog polls it
 * at most once a second and drops everything when it moved, on this node and every other.
 */
public final class VerificationCatalog {
    private static final int MAX_ENTRIES = 200_000;
    private static final long POLL_MILLIS = 1_000;
    private final VerificationRepository repository;
    private final ChangeCounter changes;
    private final Clock clock;
    private final Map<String, Optional<Key>> keys = new ConcurrentHashMap<>();
    private final Map<Long, Optional<BatchInfo>> batches = new ConcurrentHashMap<>();
    private volatile long version;
    private volatile long checkedAt;

    /** A key with its public point decoded once. */
    public record Key(KeyInfo info, Ed25519.PublicPoint point) {
    }

    public VerificationCatalog(VerificationRepository repository, ChangeCounter changes, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
        this.version = changes.current();
        this.checkedAt = clock.millis();
    }

    /** The key named by a short key id in base32 (cached, including "no such key"). */
    public Optional<Key> key(String shortKid) {
        refreshIfChanged();
        return cached(keys, shortKid, id -> repository.key(id).map(k -> new Key(k, decode(k.publicKey()))));
    }

    /** A batch with its product and brand (cached, including "no such batch"). */
    public Optional<BatchInfo> batch(long id) {
        refreshIfChanged();
        return cached(batches, id, repository::batch);
    }

    /** Drops everything now; callers that just changed keys or batches in this process use it. */
    public void invalidate() {
        keys.clear();
        batches.clear();
    }

    private void refreshIfChanged() {
        long now = clock.millis();
        if (now - checkedAt < POLL_MILLIS) {
            return;
        }
        checkedAt = now;
        long current = changes.current();
        if (current != version) {
            version = current;
            invalidate();
        }
    }

    private static <K, V> Optional<V> cached(Map<K, Optional<V>> cache, K key, Function<K, Optional<V>> load) {
        Optional<V> value = cache.get(key);
        if (value == null) {
            value = load.apply(key);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear(); // bounded: a flood of forged key ids cannot grow memory without limit
            }
            cache.put(key, value);
        }
        return value;
    }

    private static Ed25519.PublicPoint decode(byte[] publicKey) {
        return Ed25519.validatePublicKeyFullExport(publicKey, 0);
    }
}
