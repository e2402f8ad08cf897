package dev.touchmark.access;

import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.db.Upsert;
import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.BRAND_USER;
import static dev.touchmark.db.jooq.Tables.SIGN_IN_CHALLENGE;
import static dev.touchmark.db.jooq.Tables.TWO_FACTOR_POLICY;
import static dev.touchmark.db.jooq.Tables.USER_RECOVERY_CODE;
import static dev.touchmark.db.jooq.Tables.USER_TWO_FACTOR;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * SQL for two-factor sign-in: sealed TOTP secrets, recovery code hashes, pending sign-in challenges and the brand's
 * requirement. Every use of a code is one conditional UPDATE, so two nodes given the same code accept it once.
 */
public final class TwoFactorRepository {
    private final DSLContext dsl;

    public TwoFactorRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A user's TOTP as stored; enabledAt is null while enrolment waits for its first code. */
    record StoredTotp(byte[] secretSealed, OffsetDateTime enabledAt, long lastStep) {
        boolean enabled() {
            return enabledAt != null;
        }
    }

    Optional<StoredTotp> find(long userId) {
        return dsl.select(USER_TWO_FACTOR.SECRET_SEALED, USER_TWO_FACTOR.ENABLED_AT, USER_TWO_FACTOR.LAST_STEP)
                .from(USER_TWO_FACTOR).where(USER_TWO_FACTOR.USER_ID.eq(userId))
                .fetchOptional(r -> new StoredTotp(r.value1(), r.value2(), r.value3()));
    }

    /** Starts (or restarts) an enrolment; false if the user already has two-factor sign-in enabled. */
    boolean startEnrolment(long userId, long brandId, byte[] sealed, OffsetDateTime now) {
        return dsl.transactionResult(() -> {
            dsl.deleteFrom(USER_TWO_FACTOR).where(USER_TWO_FACTOR.USER_ID.eq(userId).and(USER_TWO_FACTOR.ENABLED_AT.isNull()))
                    .execute();
            return InsertIfAbsent.inserted(dsl.insertInto(USER_TWO_FACTOR).set(USER_TWO_FACTOR.USER_ID, userId).set(USER_TWO_FACTOR.BRAND_ID, brandId)
                    .set(USER_TWO_FACTOR.SECRET_SEALED, sealed).set(USER_TWO_FACTOR.CREATED_AT, now));
        });
    }

    /** Enables a pending enrolment with the step of its first code and stores its recovery codes; false if not pending. */
    boolean enable(long userId, long step, List<String> recoveryHashes, OffsetDateTime now) {
        return dsl.transactionResult(() -> {
            int enabled = dsl.update(USER_TWO_FACTOR).set(USER_TWO_FACTOR.ENABLED_AT, now).set(USER_TWO_FACTOR.LAST_STEP, step)
                    .where(USER_TWO_FACTOR.USER_ID.eq(userId).and(USER_TWO_FACTOR.ENABLED_AT.isNull())
                            .and(USER_TWO_FACTOR.LAST_STEP.lt(step)))
                    .execute();
            if (enabled == 1) {
                replaceRecoveryCodes(userId, recoveryHashes);
            }
            return enabled == 1;
        });
    }

    /** Accepts a code's time step if it is later than any accepted before (one statement: no read-then-write race). */
    boolean useStep(long userId, long step) {
        return dsl.update(USER_TWO_FACTOR).set(USER_TWO_FACTOR.LAST_STEP, step)
                .where(USER_TWO_FACTOR.USER_ID.eq(userId).and(USER_TWO_FACTOR.ENABLED_AT.isNotNull())
                        .and(USER_TWO_FACTOR.LAST_STEP.lt(step)))
                .execute() == 1;
    }

    /** Uses up a recovery code; false if it is not one of the user's or was used before. */
    boolean useRecoveryCode(long userId, String codeHash, OffsetDateTime now) {
        return dsl.update(USER_RECOVERY_CODE).set(USER_RECOVERY_CODE.USED_AT, now)
                .where(USER_RECOVERY_CODE.USER_ID.eq(userId).and(USER_RECOVERY_CODE.CODE_HASH.eq(codeHash))
                        .and(USER_RECOVERY_CODE.USED_AT.isNull()))
                .execute() == 1;
    }

    int recoveryCodesLeft(long userId) {
        return dsl.fetchCount(USER_RECOVERY_CODE, USER_RECOVERY_CODE.USER_ID.eq(userId).and(USER_RECOVERY_CODE.USED_AT.isNull()));
    }

    /** Removes a user's TOTP and recovery codes, and their pending sign-ins (the user turned it off). */
    void remove(long userId) {
        dsl.transaction(() -> removeNow(userId));
    }

    /** Removes a user's two-factor sign-in as {@link #remove} does and records who reset it, and when. */
    void reset(long userId, String actor, OffsetDateTime now) {
        dsl.transaction(() -> {
            removeNow(userId);
            dsl.update(BRAND_USER).set(BRAND_USER.TWO_FACTOR_RESET_AT, now).set(BRAND_USER.TWO_FACTOR_RESET_BY, actor)
                    .where(BRAND_USER.ID.eq(userId)).execute();
        });
    }

    private void removeNow(long userId) {
        dsl.deleteFrom(USER_RECOVERY_CODE).where(USER_RECOVERY_CODE.USER_ID.eq(userId)).execute();
        dsl.deleteFrom(SIGN_IN_CHALLENGE).where(SIGN_IN_CHALLENGE.USER_ID.eq(userId)).execute();
        dsl.deleteFrom(USER_TWO_FACTOR).where(USER_TWO_FACTOR.USER_ID.eq(userId)).execute();
    }

    /** The name of a brand, for the label an authenticator app shows. */
    String brandName(long brandId) {
        return dsl.select(BRAND.NAME).from(BRAND).where(BRAND.ID.eq(brandId)).fetchOptional(Record1::value1).orElse("");
    }

    /** Ids of the brand's users with two-factor sign-in enabled. */
    Set<Long> enabledUsers(long brandId) {
        return dsl.select(USER_TWO_FACTOR.USER_ID).from(USER_TWO_FACTOR)
                .where(USER_TWO_FACTOR.BRAND_ID.eq(brandId).and(USER_TWO_FACTOR.ENABLED_AT.isNotNull()))
                .fetchSet(Record1::value1);
    }

    /** Replaces the recovery codes of a user who has two-factor sign-in on; false if it is not on. */
    boolean renewRecoveryCodes(long userId, List<String> hashes) {
        return dsl.transactionResult(() -> {
            boolean on = dsl.selectOne().from(USER_TWO_FACTOR).where(USER_TWO_FACTOR.USER_ID.eq(userId)
                    .and(USER_TWO_FACTOR.ENABLED_AT.isNotNull())).forUpdate().fetchOptional().isPresent();
            if (on) {
                replaceRecoveryCodes(userId, hashes);
            }
            return on;
        });
    }

    private void replaceRecoveryCodes(long userId, List<String> hashes) {
        dsl.deleteFrom(USER_RECOVERY_CODE).where(USER_RECOVERY_CODE.USER_ID.eq(userId)).execute();
        var insert = dsl.insertInto(USER_RECOVERY_CODE, USER_RECOVERY_CODE.USER_ID, USER_RECOVERY_CODE.CODE_HASH);
        for (String hash : hashes) {
            insert = insert.values(userId, hash);
        }
        insert.execute();
    }

    // The brand's requirement

    /** Whether the user has two-factor sign-in enabled, and whether their brand requires it; in one query. */
    record Mandate(boolean enabled, boolean required) {
    }

    Mandate mandate(long userId, long brandId) {
        return dsl.select(
                        DSL.field(DSL.exists(DSL.selectOne().from(USER_TWO_FACTOR).where(USER_TWO_FACTOR.USER_ID.eq(userId)
                                .and(USER_TWO_FACTOR.ENABLED_AT.isNotNull())))),
                        DSL.field(DSL.exists(DSL.selectOne().from(TWO_FACTOR_POLICY).where(TWO_FACTOR_POLICY.BRAND_ID.eq(brandId)
                                .and(TWO_FACTOR_POLICY.REQUIRED.isTrue())))))
                .fetchOne(r -> new Mandate(Boolean.TRUE.equals(r.value1()), Boolean.TRUE.equals(r.value2())));
    }

    /** The brand's requirement as last set; absent if never set. */
    record Policy(boolean required, OffsetDateTime changedAt, String changedBy) {
    }

    Optional<Policy> policy(long brandId) {
        return dsl.select(TWO_FACTOR_POLICY.REQUIRED, TWO_FACTOR_POLICY.CHANGED_AT, TWO_FACTOR_POLICY.CHANGED_BY)
                .from(TWO_FACTOR_POLICY).where(TWO_FACTOR_POLICY.BRAND_ID.eq(brandId))
                .fetchOptional(r -> new Policy(r.value1(), r.value2(), r.value3()));
    }

    void setPolicy(long brandId, boolean required, String actor, OffsetDateTime now) {
        java.util.Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
        values.put(TWO_FACTOR_POLICY.REQUIRED, required);
        values.put(TWO_FACTOR_POLICY.CHANGED_AT, now);
        values.put(TWO_FACTOR_POLICY.CHANGED_BY, actor);
        Upsert.save(dsl, TWO_FACTOR_POLICY, TWO_FACTOR_POLICY.BRAND_ID, brandId, values);
    }

    // Pending sign-ins

    /** A sign-in waiting for its second factor. */
    record Challenge(long userId, OffsetDateTime expiresAt) {
    }

    void insertChallenge(String tokenHash, long userId, OffsetDateTime now, OffsetDateTime expires) {
        dsl.deleteFrom(SIGN_IN_CHALLENGE).where(SIGN_IN_CHALLENGE.EXPIRES_AT.lt(now)).execute();
        dsl.insertInto(SIGN_IN_CHALLENGE).set(SIGN_IN_CHALLENGE.TOKEN_HASH, tokenHash).set(SIGN_IN_CHALLENGE.USER_ID, userId)
                .set(SIGN_IN_CHALLENGE.CREATED_AT, now).set(SIGN_IN_CHALLENGE.EXPIRES_AT, expires).execute();
    }

    /**
     * Counts an attempt at a live challenge, in one statement, and answers its user; empty if the challenge is
     * unknown, expired or has had its last attempt.
     */
    Optional<Challenge> attemptChallenge(String tokenHash, OffsetDateTime now, int maxAttempts) {
        return dsl.update(SIGN_IN_CHALLENGE).set(SIGN_IN_CHALLENGE.ATTEMPTS, SIGN_IN_CHALLENGE.ATTEMPTS.plus(1))
                .where(SIGN_IN_CHALLENGE.TOKEN_HASH.eq(tokenHash).and(SIGN_IN_CHALLENGE.EXPIRES_AT.gt(now))
                        .and(SIGN_IN_CHALLENGE.ATTEMPTS.lt(maxAttempts)))
                .returningResult(SIGN_IN_CHALLENGE.USER_ID, SIGN_IN_CHALLENGE.EXPIRES_AT)
                .fetchOptional(r -> new Challenge(r.value1(), r.value2()));
    }

    /** Ends a challenge; true if this call ended it (so only one request turns it into a session). */
    boolean deleteChallenge(String tokenHash) {
        return dsl.deleteFrom(SIGN_IN_CHALLENGE).where(SIGN_IN_CHALLENGE.TOKEN_HASH.eq(tokenHash)).execute() == 1;
    }
}
