package dev.touchmark.access;

import static dev.touchmark.db.jooq.Tables.BRAND_USER;
import static dev.touchmark.db.jooq.Tables.USER_SESSION;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

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

    Optional<Credentials> credentials(String email) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT, BRAND_USER.PASSWORD_HASH, BRAND_USER.FAILED_LOGINS, BRAND_USER.LOCKED_UNTIL)
                .from(BRAND_USER).where(BRAND_USER.EMAIL.eq(email))
                .fetchOptional(r -> new Credentials(toUser(r), r.get(BRAND_USER.PASSWORD_HASH), r.get(BRAND_USER.FAILED_LOGINS),
                        r.get(BRAND_USER.LOCKED_UNTIL)));
    }

    Optional<Credentials> credentials(long userId) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND_USER.EMAIL, BRAND_USER.ROLE, BRAND_USER.MUST_CHANGE_PASSWORD,
                        BRAND_USER.CREATED_AT, BRAND_USER.PASSWORD_HASH, BRAND_USER.FAILED_LOGINS, BRAND_USER.LOCKED_UNTIL)
                .from(BRAND_USER).where(BRAND_USER.ID.eq(userId))
                .fetchOptional(r -> new Credentials(toUser(r), r.get(BRAND_USER.PASSWORD_HASH), r.get(BRAND_USER.FAILED_LOGINS),
                        r.get(BRAND_USER.LOCKED_UNTIL)));
    }

    void recordFailure(long userId, int failedLogins, OffsetDateTime lockedUntil) {
        dsl.update(BRAND_USER).set(BRAND_USER.FAILED_LOGINS, failedLogins).set(BRAND_USER.LOCKED_UNTIL, lockedUntil)
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

    boolean emailTaken(String email) {
        return dsl.fetchExists(BRAND_USER, BRAND_USER.EMAIL.eq(email));
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
