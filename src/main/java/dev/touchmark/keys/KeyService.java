package dev.touchmark.keys;

import dev.touchmark.config.ConfigException;

import dev.touchmark.code.Ed25519KeyPair;

import dev.touchmark.code.Base32;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.code.PublishedKey;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/** Creates, rotates and revokes brand signing keys, and hands out signers; the only class that decrypts keys. */
public final class KeyService {
    private final DSLContext dsl;
    private final SigningKeyRepository repository;
    private final MasterKey masterKey;
    private final SecureRandom random;
    private final Clock clock;
    private final ChangeWatcher changes;
    private final Map<Long, CodeSigner> signers = new ConcurrentHashMap<>();

    public KeyService(DSLContext dsl, SigningKeyRepository repository, ChangeWatcher changes, MasterKey masterKey,
                      SecureRandom random, Clock clock) {
        this.dsl = dsl;
        this.repository = repository;
        this.changes = changes;
        this.masterKey = masterKey;
        this.random = random;
        this.clock = clock;
    }

    /** Makes a new active key for a brand, retiring the current one. Runs in the caller's transaction if any. */
    public SigningKey rotate(long brandId) {
        SigningKey created = dsl.transactionResult(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            repository.retireActive(brandId, now);
            changes.bump();
            return createActive(brandId, now);
        });
        changes.catchUp();
        return created;
    }

    private SigningKey createActive(long brandId, OffsetDateTime now) {
        while (true) {
            Ed25519KeyPair pair = Ed25519KeyPair.generate(random);
            byte[] publicKey = pair.publicKey();
            String shortKid = Base32.encode(KeyIds.shortKid(publicKey));
            if (repository.shortKidExists(shortKid)) {
                continue; // a 64-bit prefix collision: astronomically rare, but never reuse an id
            }
            String kid = KeyIds.kid(publicKey);
            byte[] sealed = masterKey.encrypt(pair.seed(), kid);
            long id = repository.insert(brandId, kid, shortKid, publicKey, sealed, KeyStatus.ACTIVE, now);
            return repository.findById(brandId, id).orElseThrow();
        }
    }

    /**
     * Revokes a key: codes it signed verify as not genuine from now on. Revoking the active key
     * makes a new active key so the brand can keep minting.
     */
    public SigningKey revoke(long brandId, String kid, String reason) {
        if (reason != null && reason.length() > 1000) {
            throw ValidationException.of("reason", "must be at most 1000 characters");
        }
        SigningKey revoked = dsl.transactionResult(() -> {
            SigningKey key = find(brandId, kid);
            if (key.status() == KeyStatus.REVOKED) {
                return key;
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            repository.revoke(brandId, key.id(), reason, now);
            changes.bump();
            signers.remove(key.id());
            if (key.status() == KeyStatus.ACTIVE) {
                createActive(brandId, now);
            }
            return repository.findById(brandId, key.id()).orElseThrow();
        });
        changes.catchUp();
        return revoked;
    }

    /** One key of a brand by kid, or NotFoundException. */
    public SigningKey find(long brandId, String kid) {
        return repository.findByKid(brandId, kid).orElseThrow(() -> new NotFoundException("no key with kid '" + kid + "'"));
    }

    /** All keys of a brand, newest first. */
    public List<SigningKey> list(long brandId) {
        return repository.listByBrand(brandId);
    }

    /** The brand's active key. */
    public SigningKey active(long brandId) {
        return repository.findActive(brandId).orElseThrow(() -> new NotFoundException("the brand has no active signing key"));
    }

    /** A signer for one of the brand's keys (decrypted once, then cached in memory). Refuses revoked keys. */
    public CodeSigner signer(long brandId, long keyId) {
        SigningKey key = repository.findById(brandId, keyId).orElseThrow(() -> new NotFoundException("no such key"));
        if (key.status() == KeyStatus.REVOKED) {
            signers.remove(keyId);
            throw new RevokedKeyException(key.kid());
        }
        return signers.computeIfAbsent(keyId, id -> {
            byte[] sealed = repository.encryptedPrivateKey(brandId, id).orElseThrow();
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(masterKey.decrypt(sealed, key.kid()), key.publicKey());
            return new CodeSigner(pair, KeyIds.shortKid(key.publicKey()));
        });
    }

    /** Checks at start-up that the master key opens the newest key in the database, if there is one. */
    public void checkMasterKey() {
        try {
            dsl.transaction(() -> repository.listPublished().stream().reduce((a, b) -> b).ifPresent(key -> {
                byte[] sealed = repository.encryptedPrivateKey(key.brandId(), key.id()).orElseThrow();
                Ed25519KeyPair.fromSeed(masterKey.decrypt(sealed, key.kid()), key.publicKey());
            }));
        } catch (MasterKey.MasterKeyMismatchException e) {
            if (masterKey.isNew()) {
                throw new ConfigException("this database holds signing keys sealed with a master key, but there is none at "
                        + masterKey.source() + " and TOUCHMARK_MASTER_KEY is not set: point TOUCHMARK_MASTER_KEY_FILE at"
                        + " the master key this database was created with (or set TOUCHMARK_MASTER_KEY), from your backup");
            }
            throw new ConfigException("the master key from " + masterKey.source() + " does not open the signing keys in"
                    + " this database: it is not the key they were sealed with. Set TOUCHMARK_MASTER_KEY_FILE or"
                    + " TOUCHMARK_MASTER_KEY to the master key this database was created with, from your backup");
        }
    }

    /** The key codes name by their short key id, for verification. */
    public Optional<PublishedKey> verificationKey(byte[] shortKid) {
        return repository.findByShortKid(Base32.encode(shortKid))
                .map(k -> PublishedKey.of(k.kid(), k.publicKey(), k.status() == KeyStatus.REVOKED));
    }

    /** Keys to publish in the JWKS. */
    public List<SigningKey> published() {
        return repository.listPublished();
    }

    /** Kids of revoked keys. */
    public List<String> revokedKids() {
        return repository.listRevokedKids();
    }

    /** A revoked key cannot sign. */
    public static final class RevokedKeyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RevokedKeyException(String kid) {
            super("the key " + kid + " is revoked and cannot sign codes");
        }
    }
}
