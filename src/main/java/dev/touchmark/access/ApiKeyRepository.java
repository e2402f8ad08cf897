package dev.touchmark.access;

import static dev.touchmark.db.jooq.Tables.API_KEY;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for API keys: only hashes of their secrets are stored. */
public final class ApiKeyRepository {
    private final DSLContext dsl;

    public ApiKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A stored key without its secret. */
    public record StoredApiKey(long id, long brandId, String name, String lookupId, String secretHash,
                               OffsetDateTime createdAt, OffsetDateTime revokedAt, Role role) {
    }

    /** Stores a key and returns its id. */
    public long insert(long brandId, String name, Role role, String lookupId, String secretHash, OffsetDateTime now) {
        return dsl.insertInto(API_KEY)
                .set(API_KEY.BRAND_ID, brandId)
                .set(API_KEY.ROLE, role.id())
                .set(API_KEY.NAME, name)
                .set(API_KEY.LOOKUP_ID, lookupId)
                .set(API_KEY.SECRET_HASH, secretHash)
                .set(API_KEY.CREATED_AT, now)
                .returning(API_KEY.ID).fetchOne().getId();
    }

    /** The key with a lookup id, revoked or not. */
    public Optional<StoredApiKey> findByLookupId(String lookupId) {
        return dsl.select(API_KEY.ID, API_KEY.BRAND_ID, API_KEY.NAME, API_KEY.LOOKUP_ID, API_KEY.SECRET_HASH,
                        API_KEY.CREATED_AT, API_KEY.REVOKED_AT, API_KEY.ROLE)
                .from(API_KEY).where(API_KEY.LOOKUP_ID.eq(lookupId))
                .fetchOptional(r -> new StoredApiKey(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), Role.of(r.value8()).orElse(Role.VIEWER)));
    }

    /** Keys of a brand, newest first. */
    public List<StoredApiKey> listByBrand(long brandId) {
        return dsl.select(API_KEY.ID, API_KEY.BRAND_ID, API_KEY.NAME, API_KEY.LOOKUP_ID, API_KEY.SECRET_HASH,
                        API_KEY.CREATED_AT, API_KEY.REVOKED_AT, API_KEY.ROLE)
                .from(API_KEY).where(API_KEY.BRAND_ID.eq(brandId)).orderBy(API_KEY.ID.desc())
                .fetch(r -> new StoredApiKey(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), Role.of(r.value8()).orElse(Role.VIEWER)));
    }

    /** Revokes a key of a brand; returns false if the brand has no such key. */
    public boolean revoke(long brandId, long id, OffsetDateTime now) {
        return dsl.update(API_KEY).set(API_KEY.REVOKED_AT, now)
                .where(API_KEY.BRAND_ID.eq(brandId).and(API_KEY.ID.eq(id)).and(API_KEY.REVOKED_AT.isNull()))
                .execute() == 1;
    }
}
