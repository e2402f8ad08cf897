package dev.touchmark.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Function;

/**
 * A bounded cache of things the change counter guards (keys, batches, rules): each entry is stamped with the
 * {@link ChangeWatcher} generation read before its load and is a miss once the watcher has seen a change since, so
 * an entry loaded while a recall committed cannot be served after the watcher saw the recall. "Not found" lives in a
 * second, smaller cache: a flood of unknown ids evicts other unknown ids, never what exists. Size bounds only; what
 * a change does not touch stays until the next change anywhere.
 */
public final class VersionedCache<K, V> {
    private final ChangeWatcher changes;
    private final Function<K, Optional<V>> load;
    private final Cache<K, Stamped<V>> found;
    private final Cache<K, Stamped<V>> missing;

    /** An answer and the generation it was loaded in; the Optional is kept so a hit allocates nothing. */
    private record Stamped<V>(long generation, Optional<V> value) {
    }

    /**
     * A cache holding at most {@code maxFound} present and {@code maxMissing} absent answers of {@code load}, which
     * reads the database and must see everything committed before it started (read committed, the default of both
     * databases, does).
     */
    public VersionedCache(ChangeWatcher changes, long maxFound, long maxMissing, Function<K, Optional<V>> load) {
        this.changes = changes;
        this.load = load;
        this.found = bounded(maxFound);
        this.missing = bounded(maxMissing);
    }

    private static <K, V> Cache<K, Stamped<V>> bounded(long maximumSize) {
        // Evictions run on the caller's thread, a few at a time: no pool thread, and a test sees the bound at once.
        return Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** The value for a key, from memory if current, else loaded (and cached, present or absent). */
    public Optional<V> get(K key) {
        Stamped<V> hit = found.getIfPresent(key);
        if (hit != null && changes.isCurrent(hit.generation())) {
            return hit.value();
        }
        Stamped<V> miss = missing.getIfPresent(key);
        if (miss != null && changes.isCurrent(miss.generation())) {
            return miss.value();
        }
        long generation = changes.generation(); // before the load: a change seen during it makes the entry a miss
        Optional<V> value = load.apply(key);
        Stamped<V> entry = new Stamped<>(generation, value);
        if (value.isPresent()) {
            found.put(key, entry);
            missing.invalidate(key);
        } else {
            missing.put(key, entry);
            found.invalidate(key);
        }
        return value;
    }
}
