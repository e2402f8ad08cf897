package dev.touchmark.verify;

import dev.touchmark.code.VerificationKey;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.db.VersionedCache;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
import dev.touchmark.verify.VerificationRepository.KeyInfo;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * In-memory keys and batches for the hot path, so a verification reaches no database for them. Every change to keys
 * or batch status bumps the change counter in the same transaction; entries loaded before a change the
 * {@link ChangeWatcher} has seen are misses (see {@link VersionedCache}), on this node at once and on every other
 * within a second. Bounded: unknown key ids and batch ids have their own small caches, so forged codes cannot push
 * real keys and batches out.
 */
public final class VerificationCatalog {
    /** Far more keys than an installation has (a few per brand); about 0.5 KB each with the decoded point. */
    static final long MAX_KEYS = 50_000;
    /** The batches in use; about 0.5 KB each. */
    static final long MAX_BATCHES = 100_000;
    /** Unknown key ids and batch ids, each; nearly all come from forged or garbled codes. */
    static final long MAX_UNKNOWN = 10_000;
    private final VersionedCache<String, Key> keys;
    private final VersionedCache<Long, BatchInfo> batches;

    /** A key with its public point decoded once, and the brand and key row it belongs to. */
    public record Key(KeyInfo info, Ed25519.PublicPoint point) implements VerificationKey {
        @Override
        public String kid() {
            return info.kid();
        }

        @Override
        public boolean revoked() {
            return info.revoked();
        }
    }

    /** Where the catalog loads from: the database ({@link VerificationRepository}), or a fake in tests. */
    public interface Source {
        /** The key with a short key id (base32), if any. */
        Optional<KeyInfo> key(String shortKid);

        /** The batch with an id, with its product and brand, if any. */
        Optional<BatchInfo> batch(long id);
    }

    public VerificationCatalog(Source source, ChangeWatcher changes) {
        this.keys = new VersionedCache<>(changes, MAX_KEYS, MAX_UNKNOWN,
                shortKid -> source.key(shortKid).map(k -> new Key(k, VerificationKey.decode(k.publicKey()))));
        this.batches = new VersionedCache<>(changes, MAX_BATCHES, MAX_UNKNOWN, source::batch);
    }

    /** The key named by a short key id in base32 (cached, including "no such key"). */
    public Optional<Key> key(String shortKid) {
        return keys.get(shortKid);
    }

    /** A batch with its product and brand (cached, including "no such batch"). */
    public Optional<BatchInfo> batch(long id) {
        return batches.get(id);
    }
}
