package dev.touchmark.mail;

import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.BRAND_USER;
import static dev.touchmark.db.jooq.Tables.MAIL_OUTBOX;

import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for staff's mail preferences and the mail outbox. */
public final class MailRepository {
    /** Longest error kept with a message that could not be sent. */
    private static final int MAX_ERROR_CHARS = 500;
    private final DSLContext dsl;

    public MailRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One message to send, with its recipient. */
    public record Pending(long id, String to, String subject, String body, int attempts) {
    }

    /** Someone who wants the daily digest. */
    public record DigestReader(long userId, long brandId, String brandName, String email, Lang language) {
    }

    /** A user's preferences, if the user is one of the brand's. */
    public Optional<MailPreferences> preferences(long brandId, long userId) {
        return dsl.select(BRAND_USER.MAIL_ALERTS, BRAND_USER.MAIL_DIGEST, BRAND_USER.MAIL_LANGUAGE).from(BRAND_USER)
                .where(BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.ID.eq(userId)))
                .fetchOptional(r -> new MailPreferences(r.value1(), r.value2(), Lang.fromParam(r.value3()).orElse(Lang.EN)));
    }

    /** Stores a user's preferences, the digest counted from a time when it is being turned on; false when the user is not the brand's. */
    public boolean changePreferences(long brandId, long userId, MailPreferences preferences, OffsetDateTime digestTurnedOnAt) {
        return dsl.update(BRAND_USER).set(BRAND_USER.MAIL_ALERTS, preferences.alerts())
                .set(BRAND_USER.MAIL_DIGEST_SINCE, digestTurnedOnAt == null ? BRAND_USER.MAIL_DIGEST_SINCE : DSL.val(digestTurnedOnAt))
                .set(BRAND_USER.MAIL_DIGEST, preferences.digest()).set(BRAND_USER.MAIL_LANGUAGE, preferences.language().param())
                .where(BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.ID.eq(userId))).execute() == 1;
    }

    /**
     * Queues one message per user of the brand who wants alert mail in a language, in the caller's transaction. The
     * topic names what the message is about; a user already holding a message of that topic gets none.
     */
    public int queueForAlertReaders(long brandId, Lang language, String topic, String subject, String body, OffsetDateTime now) {
        Condition readers = BRAND_USER.BRAND_ID.eq(brandId).and(BRAND_USER.MAIL_ALERTS.isTrue())
                .and(BRAND_USER.MAIL_LANGUAGE.eq(language.param()))
                .andNotExists(DSL.selectOne().from(MAIL_OUTBOX)
                        .where(MAIL_OUTBOX.USER_ID.eq(BRAND_USER.ID).and(MAIL_OUTBOX.TOPIC.eq(topic))));
        return dsl.insertInto(MAIL_OUTBOX, MAIL_OUTBOX.BRAND_ID, MAIL_OUTBOX.USER_ID, MAIL_OUTBOX.TOPIC, MAIL_OUTBOX.SUBJECT,
                        MAIL_OUTBOX.BODY, MAIL_OUTBOX.CREATED_AT, MAIL_OUTBOX.NEXT_ATTEMPT_AT)
                .select(DSL.select(BRAND_USER.BRAND_ID, BRAND_USER.ID, DSL.val(topic), DSL.val(subject), DSL.val(body),
                        DSL.val(now), DSL.val(now)).from(BRAND_USER).where(readers))
                .execute();
    }

    /** A brand's name, as mail names it. */
    public String brandName(long brandId) {
        return dsl.select(BRAND.NAME).from(BRAND).where(BRAND.ID.eq(brandId)).fetchOptional(r -> r.value1()).orElse("#" + brandId);
    }

    /** Everyone who wanted the digest before a time and holds no message of this topic yet. */
    public List<DigestReader> digestReadersWithout(String topic, OffsetDateTime since, int limit) {
        return dsl.select(BRAND_USER.ID, BRAND_USER.BRAND_ID, BRAND.NAME, BRAND_USER.EMAIL, BRAND_USER.MAIL_LANGUAGE)
                .from(BRAND_USER).join(BRAND).on(BRAND.ID.eq(BRAND_USER.BRAND_ID))
                .where(BRAND_USER.MAIL_DIGEST.isTrue()).and(BRAND_USER.MAIL_DIGEST_SINCE.lt(since))
                .andNotExists(DSL.selectOne().from(MAIL_OUTBOX)
                        .where(MAIL_OUTBOX.USER_ID.eq(BRAND_USER.ID).and(MAIL_OUTBOX.TOPIC.eq(topic))))
                .orderBy(BRAND_USER.BRAND_ID, BRAND_USER.ID).limit(limit)
                .fetch(r -> new DigestReader(r.value1(), r.value2(), r.value3(), r.value4(),
                        Lang.fromParam(r.value5()).orElse(Lang.EN)));
    }

    /** Queues one message for one user unless one of its topic exists (another node wrote it first); true if queued. */
    public boolean queue(long brandId, long userId, String topic, String subject, String body, OffsetDateTime now) {
        return InsertIfAbsent.inserted(dsl.insertInto(MAIL_OUTBOX).set(MAIL_OUTBOX.BRAND_ID, brandId)
                .set(MAIL_OUTBOX.USER_ID, userId).set(MAIL_OUTBOX.TOPIC, topic).set(MAIL_OUTBOX.SUBJECT, subject)
                .set(MAIL_OUTBOX.BODY, body).set(MAIL_OUTBOX.CREATED_AT, now).set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now));
    }

    /** Messages due now that no node holds, oldest first. */
    public List<Pending> due(OffsetDateTime now, int limit) {
        return dsl.select(MAIL_OUTBOX.ID, BRAND_USER.EMAIL, MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.BODY, MAIL_OUTBOX.ATTEMPTS)
                .from(MAIL_OUTBOX).join(BRAND_USER).on(BRAND_USER.ID.eq(MAIL_OUTBOX.USER_ID))
                .where(unsent().and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now)).and(free(now)))
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID).limit(limit)
                .fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Takes a message until a time if it is still unsent and nobody holds it: of several nodes, one gets it. */
    public boolean claim(long id, OffsetDateTime now, OffsetDateTime until) {
        return dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.LEASE_UNTIL, until)
                .where(MAIL_OUTBOX.ID.eq(id).and(unsent()).and(free(now))).execute() == 1;
    }

    /** The message went out. */
    public void sent(long id, OffsetDateTime now) {
        dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.SENT_AT, now).set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .setNull(MAIL_OUTBOX.LEASE_UNTIL).setNull(MAIL_OUTBOX.LAST_ERROR).where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    /** The attempt failed; the message is tried again at a time. */
    public void retryAt(long id, OffsetDateTime next, String error) {
        dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1)).set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, next)
                .setNull(MAIL_OUTBOX.LEASE_UNTIL).set(MAIL_OUTBOX.LAST_ERROR, clip(error)).where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    /** The last attempt failed (or the address was refused for good): the message is given up. */
    public void failed(long id, OffsetDateTime now, String error) {
        dsl.update(MAIL_OUTBOX).set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1)).set(MAIL_OUTBOX.FAILED_AT, now)
                .setNull(MAIL_OUTBOX.LEASE_UNTIL).set(MAIL_OUTBOX.LAST_ERROR, clip(error)).where(MAIL_OUTBOX.ID.eq(id)).execute();
    }

    /** Messages not sent yet and not given up (a gauge for operators). */
    public int countPending() {
        return dsl.fetchCount(MAIL_OUTBOX, unsent());
    }

    /** Forgets messages sent or given up before a time; a digest's row is only needed until its day has passed. */
    public int forgetBefore(OffsetDateTime before) {
        return dsl.deleteFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.SENT_AT.lt(before).or(MAIL_OUTBOX.FAILED_AT.lt(before))).execute();
    }

    private static Condition unsent() {
        return MAIL_OUTBOX.SENT_AT.isNull().and(MAIL_OUTBOX.FAILED_AT.isNull());
    }

    private static Condition free(OffsetDateTime now) {
        return MAIL_OUTBOX.LEASE_UNTIL.isNull().or(MAIL_OUTBOX.LEASE_UNTIL.le(now));
    }

    private static String clip(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }
}
