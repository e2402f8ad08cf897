package dev.touchmark.alert;

import dev.touchmark.db.InsertIfAbsent;
import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.ALERT_EVENT;
import static dev.touchmark.db.jooq.Tables.ALERT_EVIDENCE;

import dev.touchmark.db.Cursors;
import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
    private final boolean postgres;

    public AlertRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.postgres = dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES;
    }

    /**
     * Records hits, in the order given (the caller sorts them so that one alert's hits are adjacent and alert rows are
     * taken in one order by every transaction): each adds to the open alert of its brand, rule and subject, or opens
     * one. If the subject's latest alert was marked a false positive, the hits are only counted there: the brand has
     * said this pattern is fine. One alert's hits cost one update, and the evidence of all of them one insert.
     * Answers the alerts this call opened, as they stand after all their hits.
     */
    public List<Alert> raise(List<Hit> hits) {
        List<Long> created = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        int from = 0;
        while (from < hits.size()) {
            Hit first = hits.get(from);
            int to = from + 1;
            while (to < hits.size() && sameAlert(first, hits.get(to))) {
                to++;
            }
            raiseOne(hits.subList(from, to), created, evidence);
            from = to;
        }
        insertEvidence(evidence);
        return created.stream().map(id -> find(id).orElseThrow()).toList();
    }

    private static boolean sameAlert(Hit a, Hit b) {
        return a.brandId() == b.brandId() && a.rule() == b.rule() && a.subject().equals(b.subject());
    }

    /** A hit kept as a piece of evidence of an alert. */
    private record Evidence(long alertId, Hit hit) {
    }

    /** Records one alert's hits (all of one brand, rule and subject). */
    private void raiseOne(List<Hit> hits, List<Long> created, List<Evidence> evidence) {
        Hit first = hits.get(0);
        if (addHits(Target.openFor(first), hits, true, evidence)) {
            return;
        }
        Optional<Record> latest = dsl.select(ALERT.ID, ALERT.STATUS).from(ALERT)
                .where(ALERT.BRAND_ID.eq(first.brandId()).and(ALERT.RULE.eq(first.rule().id())).and(ALERT.SUBJECT.eq(first.subject())))
                .orderBy(ALERT.ID.desc()).limit(1).fetchOptional().map(r -> r);
        if (latest.isPresent() && AlertStatus.FALSE_POSITIVE.id().equals(latest.get().get(ALERT.STATUS))) {
            addHits(Target.byId(latest.get().get(ALERT.ID)), hits, false, evidence);
            return;
        }
        // The unique index on open alerts decides between two transactions (or nodes) opening the same alert at once:
        // the second one's insert waits for the first, then does nothing, and its hits go to the alert the first opened.
        Optional<Long> inserted = InsertIfAbsent.returning(dsl.insertInto(ALERT)
                .set(ALERT.BRAND_ID, first.brandId()).set(ALERT.RULE, first.rule().id()).set(ALERT.SUBJECT, first.subject())
                .set(ALERT.OPEN_SUBJECT, first.subject()).set(ALERT.SEVERITY, first.severity().id())
                .set(ALERT.STATUS, AlertStatus.OPEN.id()).set(ALERT.SUMMARY, first.summary().in(Lang.EN))
                .set(ALERT.SUMMARY_FACTS, facts(first.summary()))
                .set(ALERT.BATCH_ID, first.batchId()).set(ALERT.CODE_INDEX, first.codeIndex()).set(ALERT.COUNTRY, first.country())
                .set(ALERT.LAT_TENTHS, first.place() == null ? null : first.place().latTenths())
                .set(ALERT.LON_TENTHS, first.place() == null ? null : first.place().lonTenths()).set(ALERT.HITS, 1L)
                .set(ALERT.FIRST_SEEN_AT, first.at()).set(ALERT.LAST_SEEN_AT, first.at()).set(ALERT.UPDATED_AT, first.at()), ALERT.ID);
        if (inserted.isEmpty()) {
            if (!addHits(Target.openFor(first), hits, true, evidence)) {
                throw new IllegalStateException("an open alert for " + first.rule().id() + " " + first.subject()
                        + " was neither created nor found");
            }
            return;
        }
        created.add(inserted.get());
        evidence.add(new Evidence(inserted.get(), first));
        if (hits.size() > 1) {
            addHits(Target.byId(inserted.get()), hits.subList(1, hits.size()), true, evidence);
        }
    }

    /**
     * Counts hits on an alert (if the condition finds one; false if not) in one update: its severity rises to theirs, its last sighting moves on, and when visible
     * its summary becomes the last hit's. Each hit is kept as evidence while the alert has no more than MAX_EVIDENCE.
     */
    private boolean addHits(Target target, List<Hit> hits, boolean visible, List<Evidence> evidence) {
        Hit last = hits.get(hits.size() - 1);
        OffsetDateTime latest = hits.stream().map(Hit::at).max(OffsetDateTime::compareTo).orElseThrow();
        Severity top = hits.stream().map(Hit::severity).max(Severity::compareTo).orElseThrow();
        // Plain SQL: this runs for nearly every hit on the scan writer, where rendering jOOQ's UPDATE ... RETURNING
        // (a FINAL TABLE query on H2) cost as much as running it.
        List<Object> binds = new ArrayList<>();
        StringBuilder update = new StringBuilder("UPDATE alert SET hits = hits + ?, last_seen_at = GREATEST(last_seen_at, CAST(? AS TIMESTAMP WITH TIME ZONE))");
        binds.add((long) hits.size());
        binds.add(latest);
        if (top.ordinal() > 0) {
            update.append(", severity = CASE WHEN severity IN (");
            for (Severity below : Severity.values()) {
                if (below.ordinal() < top.ordinal()) {
                    update.append(below.ordinal() == 0 ? "?" : ", ?");
                    binds.add(below.id());
                }
            }
            update.append(") THEN ? ELSE severity END");
            binds.add(top.id());
        }
        if (visible) {
            update.append(", summary = ?, summary_facts = ?, updated_at = CAST(? AS TIMESTAMP WITH TIME ZONE)");
            binds.add(last.summary().in(Lang.EN));
            binds.add(facts(last.summary()));
            binds.add(last.at());
        }
        if (target.id() != null) {
            update.append(" WHERE id = ?");
            binds.add(target.id());
        } else {
            update.append(" WHERE brand_id = ? AND rule = ? AND open_subject = ?");
            binds.add(target.open().brandId());
            binds.add(target.open().rule().id());
            binds.add(target.open().subject());
        }
        String sql = postgres ? update + " RETURNING id, hits" : "SELECT id, hits FROM FINAL TABLE (" + update + ")";
        Optional<Record> counted = dsl.fetchOptional(sql, binds.toArray());
        if (counted.isEmpty()) {
            return false;
        }
        long id = counted.get().get(0, Long.class);
        long before = counted.get().get(1, Long.class) - hits.size();
        for (int i = 0; i < hits.size() && before + i + 1 <= MAX_EVIDENCE; i++) {
            evidence.add(new Evidence(id, hits.get(i)));
        }
        return true;
    }

    /** The alert hits go to: one by id, or the open alert of a hit's brand, rule and subject (found by its unique index). */
    private record Target(Long id, Hit open) {
        static Target byId(long id) {
            return new Target(id, null);
        }

        static Target openFor(Hit hit) {
            return new Target(null, hit);
        }
    }

    /** Plain SQL, as the hit update: one row per hit on the scan writer, where jOOQ's rendering cost as much as H2's insert. */
    private void insertEvidence(List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        StringBuilder insert = new StringBuilder("INSERT INTO alert_evidence (alert_id, scan_id, seen_at, note, note_facts) VALUES ");
        List<Object> binds = new ArrayList<>(evidence.size() * 5);
        for (Evidence e : evidence) {
            insert.append(binds.isEmpty() ? "(?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?)" : ", (?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?)");
            binds.add(e.alertId());
            binds.add(e.hit().scanId());
            binds.add(e.hit().at());
            binds.add(e.hit().note().in(Lang.EN));
            binds.add(facts(e.hit().note()));
        }
        dsl.execute(insert.toString(), binds.toArray());
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
