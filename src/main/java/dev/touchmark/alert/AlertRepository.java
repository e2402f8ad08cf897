package dev.touchmark.alert;

import dev.touchmark.db.InsertIfAbsent;
import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.ALERT_EVENT;
import static dev.touchmark.db.jooq.Tables.ALERT_EVIDENCE;

import dev.touchmark.db.Cursors;
import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/** SQL for alerts, their evidence and their status history. */
public final class AlertRepository {
    /** Evidence rows kept per alert; hits beyond this are counted only. */
    static final int MAX_EVIDENCE = 200;
    /** The size of the summary_facts and note_facts columns; longer facts are not kept (the English text is). */
    private static final int MAX_FACTS_CHARS = 2000;
    private static final SelectField<?>[] COLUMNS = {ALERT.ID, ALERT.BRAND_ID, ALERT.RULE, ALERT.SUBJECT, ALERT.SEVERITY,
        ALERT.STATUS, ALERT.SUMMARY, ALERT.SUMMARY_FACTS, ALERT.BATCH_ID, ALERT.CODE_INDEX, ALERT.COUNTRY,
        ALERT.LAT_TENTHS, ALERT.LON_TENTHS, ALERT.HITS, ALERT.FIRST_SEEN_AT, ALERT.LAST_SEEN_AT, ALERT.UPDATED_AT, ALERT.STATUS_CHANGED_AT,
        ALERT.STATUS_CHANGED_BY, ALERT.STATUS_COMMENT};
    private final DSLContext dsl;

    public AlertRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What recording a hit did. */
    public enum Effect { CREATED, ADDED, SUPPRESSED }

    /** The alert a hit went to and what it did there. */
    public record Raised(Alert alert, Effect effect) {
    }

    /**
     * Adds a hit to the open alert of its brand, rule and subject, or opens one. If the subject's latest alert
     * was marked a false positive, the hit is only counted there: the brand has said this pattern is fine.
     */
    public Raised raise(Hit hit) {
        Optional<Long> open = openAlert(hit);
        if (open.isPresent()) {
            return new Raised(addHit(open.get(), hit, true), Effect.ADDED);
        }
        Optional<Record> latest = dsl.select(ALERT.ID, ALERT.STATUS).from(ALERT)
                .where(ALERT.BRAND_ID.eq(hit.brandId()).and(ALERT.RULE.eq(hit.rule().id())).and(ALERT.SUBJECT.eq(hit.subject())))
                .orderBy(ALERT.ID.desc()).limit(1).fetchOptional().map(r -> r);
        if (latest.isPresent() && AlertStatus.FALSE_POSITIVE.id().equals(latest.get().get(ALERT.STATUS))) {
            return new Raised(addHit(latest.get().get(ALERT.ID), hit, false), Effect.SUPPRESSED);
        }
        // The unique index on open alerts decides between two transactions (or nodes) opening the same alert at once:
        // the second one's insert waits for the first, then does nothing, and its hit goes to the alert the first opened.
        Optional<Long> created = InsertIfAbsent.returning(dsl.insertInto(ALERT)
                .set(ALERT.BRAND_ID, hit.brandId()).set(ALERT.RULE, hit.rule().id()).set(ALERT.SUBJECT, hit.subject())
                .set(ALERT.OPEN_SUBJECT, hit.subject()).set(ALERT.SEVERITY, hit.severity().id())
                .set(ALERT.STATUS, AlertStatus.OPEN.id()).set(ALERT.SUMMARY, hit.summary().in(Lang.EN))
                .set(ALERT.SUMMARY_FACTS, facts(hit.summary()))
                .set(ALERT.BATCH_ID, hit.batchId()).set(ALERT.CODE_INDEX, hit.codeIndex()).set(ALERT.COUNTRY, hit.country())
                .set(ALERT.LAT_TENTHS, hit.place() == null ? null : hit.place().latTenths())
                .set(ALERT.LON_TENTHS, hit.place() == null ? null : hit.place().lonTenths()).set(ALERT.HITS, 1L)
                .set(ALERT.FIRST_SEEN_AT, hit.at()).set(ALERT.LAST_SEEN_AT, hit.at()).set(ALERT.UPDATED_AT, hit.at()), ALERT.ID);
        if (created.isEmpty()) {
            long id = openAlert(hit).orElseThrow(() -> new IllegalStateException("an open alert for " + hit.rule().id() + " "
                    + hit.subject() + " was neither created nor found"));
            return new Raised(addHit(id, hit, true), Effect.ADDED);
        }
        addEvidence(created.get(), hit);
        return new Raised(find(created.get()).orElseThrow(), Effect.CREATED);
    }

    private Optional<Long> openAlert(Hit hit) {
        return dsl.select(ALERT.ID).from(ALERT)
                .where(ALERT.BRAND_ID.eq(hit.brandId()).and(ALERT.RULE.eq(hit.rule().id()))
                        .and(ALERT.OPEN_SUBJECT.eq(hit.subject())))
                .fetchOptional(ALERT.ID);
    }

    private Alert addHit(long id, Hit hit, boolean visible) {
        var update = dsl.update(ALERT).set(ALERT.HITS, ALERT.HITS.plus(1))
                .set(ALERT.LAST_SEEN_AT, DSL.greatest(ALERT.LAST_SEEN_AT, DSL.val(hit.at())))
                .set(ALERT.SEVERITY, DSL.when(ALERT.SEVERITY.in(severitiesBelow(hit.severity())), hit.severity().id())
                        .otherwise(ALERT.SEVERITY));
        if (visible) {
            update.set(ALERT.SUMMARY, hit.summary().in(Lang.EN)).set(ALERT.SUMMARY_FACTS, facts(hit.summary()))
                    .set(ALERT.UPDATED_AT, hit.at()).where(ALERT.ID.eq(id)).execute();
        } else {
            update.where(ALERT.ID.eq(id)).execute();
        }
        Alert alert = find(id).orElseThrow();
        if (alert.hits() <= MAX_EVIDENCE) {
            addEvidence(id, hit);
        }
        return alert;
    }

    private static List<String> severitiesBelow(Severity severity) {
        return java.util.Arrays.stream(Severity.values()).filter(s -> s.ordinal() < severity.ordinal()).map(Severity::id).toList();
    }

    private void addEvidence(long alertId, Hit hit) {
        dsl.insertInto(ALERT_EVIDENCE).set(ALERT_EVIDENCE.ALERT_ID, alertId).set(ALERT_EVIDENCE.SCAN_ID, hit.scanId())
                .set(ALERT_EVIDENCE.SEEN_AT, hit.at()).set(ALERT_EVIDENCE.NOTE, hit.note().in(Lang.EN))
                .set(ALERT_EVIDENCE.NOTE_FACTS, facts(hit.note())).execute();
    }

    private static String facts(AlertText text) {
        String json = text.json();
        return json.length() <= MAX_FACTS_CHARS ? json : null;
    }

    /** An alert by id, of any brand (callers scope it). */
    public Optional<Alert> find(long id) {
        return dsl.select(COLUMNS).from(ALERT).where(ALERT.ID.eq(id)).fetchOptional(AlertRepository::toAlert);
    }

    /** An alert of a brand. */
    public Optional<Alert> find(long brandId, long id) {
        return dsl.select(COLUMNS).from(ALERT).where(ALERT.ID.eq(id).and(ALERT.BRAND_ID.eq(brandId)))
                .fetchOptional(AlertRepository::toAlert);
    }

    /**
     * A brand's alerts, most recently seen first (the newer alert first at the same time), in pages: with 'before',
     * those that come after that alert in this order (an id that is not the brand's alert: those with lower ids).
     */
    public List<Alert> list(long brandId, AlertFilter filter, int limit, Long before) {
        Condition where = where(brandId, filter);
        if (before != null) {
            where = where.and(dsl.select(ALERT.LAST_SEEN_AT).from(ALERT).where(ALERT.ID.eq(before).and(ALERT.BRAND_ID.eq(brandId)))
                    .fetchOptional(r -> r.value1())
                    .map(seen -> ALERT.LAST_SEEN_AT.lt(seen).or(ALERT.LAST_SEEN_AT.eq(seen).and(ALERT.ID.lt(before))))
                    .orElse(ALERT.ID.lt(before)));
        }
        return dsl.select(COLUMNS).from(ALERT).where(where).orderBy(ALERT.LAST_SEEN_AT.desc(), ALERT.ID.desc()).limit(limit)
                .fetch(AlertRepository::toAlert);
    }

    /** The brand's alerts that opened in [from, to): the newest up to a limit, the count per severity, and how many are open now. */
    public AlertDigest digest(long brandId, OffsetDateTime from, OffsetDateTime to, int limit) {
        Condition opened = ALERT.BRAND_ID.eq(brandId).and(ALERT.FIRST_SEEN_AT.ge(from)).and(ALERT.FIRST_SEEN_AT.lt(to));
        List<Alert> newest = dsl.select(COLUMNS).from(ALERT).where(opened).orderBy(ALERT.FIRST_SEEN_AT.desc(), ALERT.ID.desc())
                .limit(limit).fetch(AlertRepository::toAlert);
        java.util.Map<Severity, Integer> bySeverity = new java.util.EnumMap<>(Severity.class);
        dsl.select(ALERT.SEVERITY, DSL.count()).from(ALERT).where(opened).groupBy(ALERT.SEVERITY)
                .forEach(r -> Severity.of(r.value1()).ifPresent(s -> bySeverity.put(s, r.value2())));
        int openNow = dsl.fetchCount(ALERT, ALERT.BRAND_ID.eq(brandId).and(ALERT.STATUS.eq(AlertStatus.OPEN.id())));
        return new AlertDigest(newest, bySeverity, openNow);
    }

    /**
     * Every alert of a brand that the filter keeps, in the list's order (newest first), one at a time from a database
     * cursor: memory stays the same however many there are (see {@link Cursors}).
     */
    public void forEach(long brandId, AlertFilter filter, Cursors.Limits limits, Consumer<Alert> each) {
        Cursors.stream(dsl, limits, tx -> tx.select(COLUMNS).from(ALERT).where(where(brandId, filter))
                .orderBy(ALERT.LAST_SEEN_AT.desc(), ALERT.ID.desc()), r -> each.accept(toAlert(r)));
    }

    private static Condition where(long brandId, AlertFilter filter) {
        Condition where = ALERT.BRAND_ID.eq(brandId);
        where = filter.status().map(s -> ALERT.STATUS.eq(s.id())).map(where::and).orElse(where);
        where = filter.rule().map(r -> ALERT.RULE.eq(r.id())).map(where::and).orElse(where);
        where = filter.severity().map(s -> ALERT.SEVERITY.eq(s.id())).map(where::and).orElse(where);
        where = filter.batchId().map(ALERT.BATCH_ID::eq).map(where::and).orElse(where);
        where = filter.window().start().map(ALERT.LAST_SEEN_AT::ge).map(where::and).orElse(where);
        return filter.window().end().map(ALERT.FIRST_SEEN_AT::lt).map(where::and).orElse(where);
    }

    /** The evidence of an alert, oldest first, its notes in a language (the stored English where facts are unknown). */
    public List<AlertView.Evidence> evidence(long alertId, int limit, Lang lang) {
        return dsl.select(ALERT_EVIDENCE.SCAN_ID, ALERT_EVIDENCE.SEEN_AT, ALERT_EVIDENCE.NOTE, ALERT_EVIDENCE.NOTE_FACTS)
                .from(ALERT_EVIDENCE).where(ALERT_EVIDENCE.ALERT_ID.eq(alertId)).orderBy(ALERT_EVIDENCE.ID).limit(limit)
                .fetch(r -> new AlertView.Evidence(r.value1() == null ? null : Long.toString(r.value1()), r.value2(),
                        AlertText.parse(r.value4()).map(note -> note.in(lang)).orElse(r.value3())));
    }

    /** The status history of an alert, oldest first. */
    public List<AlertView.StatusChange> history(long alertId) {
        return dsl.select(ALERT_EVENT.CHANGED_AT, ALERT_EVENT.ACTOR, ALERT_EVENT.FROM_STATUS, ALERT_EVENT.TO_STATUS, ALERT_EVENT.COMMENT)
                .from(ALERT_EVENT).where(ALERT_EVENT.ALERT_ID.eq(alertId)).orderBy(ALERT_EVENT.ID)
                .fetch(r -> new AlertView.StatusChange(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Moves an alert to a status (the caller checked the move), recording who, when and why. */
    public void changeStatus(Alert alert, AlertStatus to, String actor, String comment, OffsetDateTime at) {
        dsl.update(ALERT).set(ALERT.STATUS, to.id()).set(ALERT.OPEN_SUBJECT, to.closed() ? null : alert.subject())
                .set(ALERT.STATUS_CHANGED_AT, at).set(ALERT.STATUS_CHANGED_BY, actor).set(ALERT.STATUS_COMMENT, comment)
                .set(ALERT.UPDATED_AT, at).where(ALERT.ID.eq(alert.id())).execute();
        dsl.insertInto(ALERT_EVENT).set(ALERT_EVENT.ALERT_ID, alert.id()).set(ALERT_EVENT.CHANGED_AT, at).set(ALERT_EVENT.ACTOR, actor)
                .set(ALERT_EVENT.FROM_STATUS, alert.status().id()).set(ALERT_EVENT.TO_STATUS, to.id())
                .set(ALERT_EVENT.COMMENT, comment).execute();
    }

    /** True if another alert of the same brand, rule and subject is open (so this one cannot be re-opened). */
    public boolean otherOpen(Alert alert) {
        return dsl.fetchExists(dsl.selectOne().from(ALERT).where(ALERT.BRAND_ID.eq(alert.brandId())
                .and(ALERT.RULE.eq(alert.rule().id())).and(ALERT.OPEN_SUBJECT.eq(alert.subject()))
                .and(ALERT.ID.ne(alert.id()))));
    }

    /** Alerts of any brand changed at or after a time, oldest change first (the live feed polls this). */
    public List<Alert> changedSince(OffsetDateTime since, int limit) {
        return dsl.select(COLUMNS).from(ALERT).where(ALERT.UPDATED_AT.ge(since)).orderBy(ALERT.UPDATED_AT, ALERT.ID)
                .limit(limit).fetch(AlertRepository::toAlert);
    }

    /** Open alerts of a brand by severity. */
    public java.util.Map<String, Integer> openBySeverity(long brandId) {
        return dsl.select(ALERT.SEVERITY, DSL.count()).from(ALERT)
                .where(ALERT.BRAND_ID.eq(brandId).and(ALERT.OPEN_SUBJECT.isNotNull())).groupBy(ALERT.SEVERITY)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    private static Alert toAlert(Record r) {
        return new Alert(r.get(ALERT.ID), r.get(ALERT.BRAND_ID), Rule.of(r.get(ALERT.RULE)).orElseThrow(), r.get(ALERT.SUBJECT),
                Severity.of(r.get(ALERT.SEVERITY)).orElseThrow(), AlertStatus.of(r.get(ALERT.STATUS)).orElseThrow(),
                r.get(ALERT.SUMMARY), AlertText.parse(r.get(ALERT.SUMMARY_FACTS)).orElse(null), r.get(ALERT.BATCH_ID),
                r.get(ALERT.CODE_INDEX), r.get(ALERT.COUNTRY), r.get(ALERT.LAT_TENTHS), r.get(ALERT.LON_TENTHS), r.get(ALERT.HITS), r.get(ALERT.FIRST_SEEN_AT),
                r.get(ALERT.LAST_SEEN_AT), r.get(ALERT.UPDATED_AT), r.get(ALERT.STATUS_CHANGED_AT),
                r.get(ALERT.STATUS_CHANGED_BY), r.get(ALERT.STATUS_COMMENT));
    }
}
