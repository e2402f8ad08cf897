package dev.touchmark.brand;

import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.BRAND_USER;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for brands and their users. */
public final class BrandRepository {
    private final DSLContext dsl;

    public BrandRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a brand and returns it. */
    public Brand insert(String name, OffsetDateTime now) {
        long id = dsl.insertInto(BRAND).set(BRAND.NAME, name).set(BRAND.CREATED_AT, now)
                .returning(BRAND.ID).fetchOne().getId();
        return new Brand(id, name, now);
    }

    /** A brand by id. */
    public Optional<Brand> findById(long id) {
        return dsl.select(BRAND.ID, BRAND.NAME, BRAND.CREATED_AT).from(BRAND).where(BRAND.ID.eq(id))
                .fetchOptional(r -> new Brand(r.value1(), r.value2(), r.value3()));
    }

    /** A brand by its exact name. */
    public Optional<Brand> findByName(String name) {
        return dsl.select(BRAND.ID, BRAND.NAME, BRAND.CREATED_AT).from(BRAND).where(BRAND.NAME.eq(name))
                .fetchOptional(r -> new Brand(r.value1(), r.value2(), r.value3()));
    }

    /** Every brand, oldest first. */
    public List<Brand> listAll() {
        return dsl.select(BRAND.ID, BRAND.NAME, BRAND.CREATED_AT).from(BRAND).orderBy(BRAND.ID)
                .fetch(r -> new Brand(r.value1(), r.value2(), r.value3()));
    }

    /** Stores a dashboard user. */
    public long insertUser(long brandId, String email, String role, String passwordHash, boolean mustChange,
                           OffsetDateTime now) {
        return dsl.insertInto(BRAND_USER)
                .set(BRAND_USER.BRAND_ID, brandId)
                .set(BRAND_USER.EMAIL, email)
                .set(BRAND_USER.ROLE, role)
                .set(BRAND_USER.PASSWORD_HASH, passwordHash)
                .set(BRAND_USER.MUST_CHANGE_PASSWORD, mustChange)
                .set(BRAND_USER.CREATED_AT, now)
                .returning(BRAND_USER.ID).fetchOne().getId();
    }
}
