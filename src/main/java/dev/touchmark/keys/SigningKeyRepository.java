package dev.touchmark.keys;

import dev.touchmark.domain.BatchStatus;

import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.SIGNING_KEY;

import dev.touchmark.db.jooq.tables.records.SigningKeyRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/** SQL for signing keys. The encrypted private key is read only by encryptedPrivateKey. */
public final class SigningKeyRepository {
    private static final SelectField<?>[] COLUMNS = {
        SIGNING_KEY.ID, SIGNING_KEY.BRAND_ID, SIGNING_KEY.KID, SIGNING_KEY.SHORT_KID, SIGNING_KEY.PUBLIC_KEY,
        SIGNING_KEY.STATUS, SIGNING_KEY.CREATED_AT, SIGNING_KEY.RETIRED_AT, SIGNING_KEY.REVOKED_AT
    };
    private final DSLContext dsl;

    public SigningKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a new key and returns its id. */
    public long insert(long brandId, String kid, String shortKid, byte[] publicKey, byte[] encryptedPrivateKey,
                       KeyStatus status, OffsetDateTime now) {
        return dsl.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.BRAND_ID, brandId)
                .set(SIGNING_KEY.KID, kid)
                .set(SIGNING_KEY.SHORT_KID, shortKid)
                .set(SIGNING_KEY.PUBLIC_KEY, publicKey)
                .set(SIGNING_KEY.PRIVATE_KEY_ENCRYPTED, encryptedPrivateKey)
                .set(SIGNING_KEY.STATUS, status.id())
                .set(SIGNING_KEY.CREATED_AT, now)
                .returning(SIGNING_KEY.ID)
                .fetchOne()
                .getId();
    }

    /** True if any key already uses this short key id (they must be unique installation-wide). */
    public boolean shortKidExists(String shortKid) {
        return dsl.fetchExists(SIGNING_KEY, SIGNING_KEY.SHORT_KID.eq(shortKid));
    }

    /** Keys of one brand, newest first. */
    public List<SigningKey> listByBrand(long brandId) {
        return dsl.select(COLUMNS).from(SIGNING_KEY).where(SIGNING_KEY.BRAND_ID.eq(brandId))
                .orderBy(SIGNING_KEY.ID.desc()).fetch(SigningKeyRepository::toKey);
    }

    /** The brand's active key, if it has one. */
    public Optional<SigningKey> findActive(long brandId) {
        return dsl.select(COLUMNS).from(SIGNING_KEY)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.STATUS.eq(KeyStatus.ACTIVE.id())))
                .orderBy(SIGNING_KEY.ID.desc()).limit(1).fetchOptional(SigningKeyRepository::toKey);
    }

    /** One key of a brand by its kid. */
    public Optional<SigningKey> findByKid(long brandId, String kid) {
        return dsl.select(COLUMNS).from(SIGNING_KEY)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.KID.eq(kid)))
                .fetchOptional(SigningKeyRepository::toKey);
    }

    /** Any brand's key by the short key id codes carry. */
    public Optional<SigningKey> findByShortKid(String shortKid) {
        return dsl.select(COLUMNS).from(SIGNING_KEY).where(SIGNING_KEY.SHORT_KID.eq(shortKid))
                .fetchOptional(SigningKeyRepository::toKey);
    }

    /** One key by its id, within a brand. */
    public Optional<SigningKey> findById(long brandId, long id) {
        return dsl.select(COLUMNS).from(SIGNING_KEY)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.ID.eq(id)))
                .fetchOptional(SigningKeyRepository::toKey);
    }

    /** The encrypted private key of a key of a brand. */
    public Optional<byte[]> encryptedPrivateKey(long brandId, long id) {
        return dsl.select(SIGNING_KEY.PRIVATE_KEY_ENCRYPTED).from(SIGNING_KEY)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.ID.eq(id)))
                .fetchOptional(SIGNING_KEY.PRIVATE_KEY_ENCRYPTED);
    }

    /** Marks the brand's active keys retired. */
    public void retireActive(long brandId, OffsetDateTime now) {
        dsl.update(SIGNING_KEY)
                .set(SIGNING_KEY.STATUS, KeyStatus.RETIRED.id())
                .set(SIGNING_KEY.RETIRED_AT, now)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.STATUS.eq(KeyStatus.ACTIVE.id())))
                .execute();
    }

    /** Marks one key revoked. */
    public void revoke(long brandId, long id, String reason, OffsetDateTime now) {
        dsl.update(SIGNING_KEY)
                .set(SIGNING_KEY.STATUS, KeyStatus.REVOKED.id())
                .set(SIGNING_KEY.REVOKED_AT, now)
                .set(SIGNING_KEY.REVOKED_REASON, reason)
                .where(SIGNING_KEY.BRAND_ID.eq(brandId).and(SIGNING_KEY.ID.eq(id)))
                .execute();
    }

    /**
     * Keys to publish: every active key, and retired keys that signed a batch not voided
     * (their codes are still in circulation).
     */
    public List<SigningKey> listPublished() {
        var inCirculation = DSL.exists(DSL.selectOne().from(BATCH)
                .where(BATCH.SIGNING_KEY_ID.eq(SIGNING_KEY.ID).and(BATCH.STATUS.ne(BatchStatus.VOIDED.id()))));
        return dsl.select(COLUMNS).from(SIGNING_KEY)
                .where(SIGNING_KEY.STATUS.eq(KeyStatus.ACTIVE.id())
                        .or(SIGNING_KEY.STATUS.eq(KeyStatus.RETIRED.id()).and(inCirculation)))
                .orderBy(SIGNING_KEY.ID).fetch(SigningKeyRepository::toKey);
    }

    /** Kids of every revoked key, for the revocation list next to the JWKS. */
    public List<String> listRevokedKids() {
        return dsl.select(SIGNING_KEY.KID).from(SIGNING_KEY)
                .where(SIGNING_KEY.STATUS.eq(KeyStatus.REVOKED.id())).orderBy(SIGNING_KEY.ID)
                .fetch(SIGNING_KEY.KID);
    }

    private static SigningKey toKey(Record r) {
        SigningKeyRecord k = r.into(SIGNING_KEY);
        return new SigningKey(k.getId(), k.getBrandId(), k.getKid(), k.getShortKid(), k.getPublicKey(),
                KeyStatus.of(k.getStatus()), k.getCreatedAt(), k.getRetiredAt(), k.getRevokedAt());
    }
}
