package dev.touchmark.access;

import static dev.touchmark.db.jooq.Tables.BRAND_USER;
import static dev.touchmark.db.jooq.Tables.USER_SESSION;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.jooq.CaseConditionStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/** SQL for dashboard users and their sessions. */
public final class UserRepository {
    private final DSLContext dsl;

    public UserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    /** A user with what signing in needs. */
    record Credentials(User user, String passwordHash, int failedLogins, OffsetDateTime lockedUntil) {
    }

    /** Every account of an email, one per brand at most, oldest first. */
    List<Credentials> credentials(String email) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT, BRAND_USER.PASSWORD_HASH, BRAND_USER.FAILED_LOGINS, BRAND_USER.LOCKED_UNTIL)
                .from(BRAND_USER).where(BRAND_USER.EMAIL.eq(email)).orderBy(BRAND_USER.ID)
                .fetch(r -> new Credentials(toUser(r), r.get(BRAND_USER.PASSWORD_HASH), r.get(BRAND_USER.FAILED_LOGINS),
                        r.get(BRAND_USER.LOCKED_UNTIL)));
    }

    Optional<Credentials> credentials(long userId) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT, BRAND_USER.PASSWORD_HASH, BRAND_USER.FAILED_LOGINS, BRAND_USER.LOCKED_UNTIL)
                .from(BRAND_USER).where(BRAND_USER.ID.eq(userId))
                .fetchOptional(r -> new Credentials(toUser(r), r.get(BRAND_USER.PASSWORD_HASH), r.get(BRAND_USER.FAILED_LOGINS),
                        r.get(BRAND_USER.LOCKED_UNTIL)));
    }

    /**
     * Counts a sign-in attempt as a failure before its password is checked, in one statement, so that concurrent
     * attempts (on any node) each see their own count; sets the lock the new count brings ({@code locks}: the lock
     * from each count on, the last entry holding for every higher count). Empty when the account is locked: then
     * nothing is counted and the password must not be checked.
     */
    Optional<Integer> countAttempt(long userId, OffsetDateTime now, NavigableMap<Integer, OffsetDateTime> locks) {
        Field<Integer> count = BRAND_USER.FAILED_LOGINS.plus(1);
        CaseConditionStep<OffsetDateTime> lock = DSL.when(count.ge(locks.lastKey()), DSL.val(locks.lastEntry().getValue()));
        for (Map.Entry<Integer, OffsetDateTime> entry : locks.headMap(locks.lastKey(), false).descendingMap().entrySet()) {
            lock = lock.when(count.eq(entry.getKey()), DSL.val(entry.getValue()));
        }
        return dsl.update(BRAND_USER).set(BRAND_USER.FAILED_LOGINS, count)
                .set(BRAND_USER.LOCKED_UNTIL, lock.else_(DSL.castNull(BRAND_USER.LOCKED_UNTIL)))
                .where(BRAND_USER.ID.eq(userId).and(BRAND_USER.LOCKED_UNTIL.isNull().or(BRAND_USER.LOCKED_UNTIL.le(now))))
                .returningResult(BRAND_USER.FAILED_LOGINS)
                .fetchOptional(Record1::value1);
    }

    /** Takes back an attempt counted on an account that the password turned out not to be meant for. */
    void uncountAttempt(long userId) {
        dsl.update(BRAND_USER).set(BRAND_USER.FAILED_LOGINS, DSL.greatest(BRAND_USER.FAILED_LOGINS.minus(1), DSL.inline(0)))
                .where(BRAND_USER.ID.eq(userId)).execute();
    }

    void recordSuccess(long userId) {
        dsl.update(BRAND_USER).set(BRAND_USER.FAILED_LOGINS, 0).setNull(BRAND_USER.LOCKED_UNTIL)
                .where(BRAND_USER.ID.eq(userId)).execute();
    }

    void setPassword(long userId, String hash, boolean mustChange) {
        dsl.update(BRAND_USER).set(BRAND_USER.PASSWORD_HASH, hash).set(BRAND_USER.MUST_CHANGE_PASSWORD, mustChange)
                .where(BRAND_USER.ID.eq(userId)).execute();
    }

    /** The brand's users, oldest first. */
    public List<User> list(long brandId) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT)
                .from(BRAND_USER).where(BRAND_USER.BRAND_ID.eq(brandId)).orderBy(BRAND_USER.ID).fetch(UserRepository::toUser);
    }

    /** A user of a brand. */
    public Optional<User> find(long brandId, long id) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT)
                .from(BRAND_USER).where(BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.ID.eq(id))).fetchOptional(UserRepository::toUser);
    }

    /** True if the brand already has a user with this email (other brands' users are none of its business). */
    boolean emailTaken(long brandId, String email) {
        return dsl.fetchExists(BRAND_USER, BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.EMAIL.eq(email)));
    }

    long insert(long brandId, String email, Role role, String passwordHash, OffsetDateTime now) {
        return dsl.insertInto(BRAND_USER).set(BRAND_USER.BRAND_ID, brandId).set(BRAND_USER.EMAIL, email)
                .set(BRAND_USER.ROLE, role.id()).set(BRAND_USER.PASSWORD_HASH, passwordHash)
                .set(BRAND_USER.MUST_CHANGE_PASSWORD, true).set(BRAND_USER.CREATED_AT, now)
                .returning(BRAND_USER.ID).fetchOne(BRAND_USER.ID);
    }

    void setRole(long userId, Role role) {
        dsl.update(BRAND_USER).set(BRAND_USER.ROLE, role.id()).where(BRAND_USER.ID.eq(userId)).execute();
    }

    void delete(long userId) {
        dsl.deleteFrom(BRAND_USER).where(BRAND_USER.ID.eq(userId)).execute();
    }

    int admins(long brandId) {
        return dsl.fetchCount(BRAND_USER, BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.ROLE.eq(Role.ADMIN.id())));
    }

    // Sessions

    /** A live session as stored. */
    record StoredSession(String tokenHash, long userId, long brandId, String csrfToken, OffsetDateTime lastSeenAt,
                         OffsetDateTime expiresAt) {
    }

    void insertSession(String tokenHash, long userId, long brandId, String csrf, OffsetDateTime now, OffsetDateTime expires) {
        dsl.insertInto(USER_SESSION).set(USER_SESSION.TOKEN_HASH, tokenHash).set(USER_SESSION.USER_ID, userId)
                .set(USER_SESSION.BRAND_ID, brandId).set(USER_SESSION.CSRF_TOKEN, csrf).set(USER_SESSION.CREATED_AT, now)
                .set(USER_SESSION.LAST_SEEN_AT, now).set(USER_SESSION.EXPIRES_AT, expires).execute();
    }

    Optional<StoredSession> session(String tokenHash) {
        return dsl.select(USER_SESSION.TOKEN_HASH, USER_SESSION.USER_ID, USER_SESSION.BRAND_ID, USER_SESSION.CSRF_TOKEN,
                        USER_SESSION.LAST_SEEN_AT, USER_SESSION.EXPIRES_AT)
                .from(USER_SESSION).where(USER_SESSION.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new StoredSession(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    void touchSession(String tokenHash, OffsetDateTime now) {
        dsl.update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, now).where(USER_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    void deleteSession(String tokenHash) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    void deleteSessionsOf(long userId, String except) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)
                .and(except == null ? org.jooq.impl.DSL.trueCondition() : USER_SESSION.TOKEN_HASH.ne(except))).execute();
    }

    void deleteExpired(OffsetDateTime now) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.EXPIRES_AT.lt(now)).execute();
    }

    private static User toUser(Record r) {
        return new User(r.get(BRAND_USER.ID), r.get(BRAND_USER.BRAND_ID), r.get(BRAND_USER.EMAIL),
                Role.of(r.get(BRAND_USER.ROLE)).orElse(Role.VIEWER), r.get(BRAND_USER.MUST_CHANGE_PASSWORD),
                r.get(BRAND_USER.CREATED_AT));
    }
}
