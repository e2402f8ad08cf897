package dev.touchmark.alert;

import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.db.Upsert;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.LocatedScan;
import dev.touchmark.domain.Verdict;

import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.BRAND_RULES;
import static dev.touchmark.db.jooq.Tables.CODE_STATE;
import static dev.touchmark.db.jooq.Tables.MARKET_SIGHTING;
import static dev.touchmark.db.jooq.Tables.RUN_SIGHTING;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;
import static dev.touchmark.db.jooq.Tables.SCAN_HOUR;
import static dev.touchmark.db.jooq.Tables.SUSPECT_SIGHTING;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL of detection: thresholds, the hourly counts it reads, last locations of codes, sightings. */
public final class DetectionRepository {
    private final DSLContext dsl;

    public DetectionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The jOOQ context, for transactions of detection outside the scan writer. */
    DSLContext dsl() {
        return dsl;
    }

    /** A brand's own thresholds, if it set any. */
    public Optional<RuleSettings> rules(long brandId) {
        return dsl.select(BRAND_RULES.CLONE_DEVICES, BRAND_RULES.TRAVEL_KMH, BRAND_RULES.OUT_OF_MARKET, BRAND_RULES.MARKET_CODES, BRAND_RULES.BURST_FACTOR,
                        BRAND_RULES.BURST_MIN_SCANS, BRAND_RULES.HOTSPOT_CODES, BRAND_RULES.HOTSPOT_DAYS, BRAND_RULES.SUSPECT_SCORE,
                        BRAND_RULES.MARKET_BATCH_CODES, BRAND_RULES.LATE_DEVICE_DAYS, BRAND_RULES.RUN_CODES)
                .from(BRAND_RULES).where(BRAND_RULES.BRAND_ID.eq(brandId))
                .fetchOptional(r -> new RuleSettings(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
    }

    /** Stores a brand's thresholds (see {@link Upsert}). */
    public void saveRules(long brandId, RuleSettings s, String actor, OffsetDateTime at) {
        Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
        values.put(BRAND_RULES.CLONE_DEVICES, s.cloneDevices());
        values.put(BRAND_RULES.TRAVEL_KMH, s.travelKmh());
        values.put(BRAND_RULES.OUT_OF_MARKET, s.outOfMarket());
        values.put(BRAND_RULES.MARKET_CODES, s.marketCodes());
        values.put(BRAND_RULES.BURST_FACTOR, s.burstFactor());
        values.put(BRAND_RULES.BURST_MIN_SCANS, s.burstMinScans());
        values.put(BRAND_RULES.HOTSPOT_CODES, s.hotspotCodes());
        values.put(BRAND_RULES.HOTSPOT_DAYS, s.hotspotDays());
        values.put(BRAND_RULES.SUSPECT_SCORE, s.suspectScore());
        values.put(BRAND_RULES.MARKET_BATCH_CODES, s.marketBatchCodes());
        values.put(BRAND_RULES.LATE_DEVICE_DAYS, s.lateDeviceDays());
        values.put(BRAND_RULES.RUN_CODES, s.runCodes());
        values.put(BRAND_RULES.UPDATED_AT, at);
        values.put(BRAND_RULES.UPDATED_BY, actor);
        Upsert.save(dsl, BRAND_RULES, BRAND_RULES.BRAND_ID, brandId, values);
    }

    /** Scans of each batch in an hour, all verdicts together. */
    public Map<Long, Long> batchScansInHour(Collection<Long> batchIds, OffsetDateTime hour) {
        Map<Long, Long> counts = new HashMap<>();
        dsl.select(SCAN_HOUR.BATCH_ID, DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BATCH_ID.in(batchIds).and(SCAN_HOUR.HOUR_START.eq(hour))).groupBy(SCAN_HOUR.BATCH_ID)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /** Scans of a batch from one time (inclusive) to another (exclusive). */
    public long batchScansBetween(long batchId, OffsetDateTime from, OffsetDateTime to) {
        var sum = dsl.select(DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BATCH_ID.eq(batchId).and(SCAN_HOUR.HOUR_START.ge(from)).and(SCAN_HOUR.HOUR_START.lt(to)))
                .fetchOne(0, java.math.BigDecimal.class);
        return sum == null ? 0 : sum.longValue();
    }

    /**
     * Locks a code's state row until the transaction ends, as the scan writer does before it changes anything of the
     * code (false if the code was never scanned).
     */
    public boolean lockCode(long batchId, long index) {
        return dsl.fetchExists(DSL.selectOne().from(CODE_STATE).where(CODE_STATE.BATCH_ID.eq(batchId)
                .and(CODE_STATE.CODE_INDEX.eq(index))).forUpdate());
    }

    /** The last located scan of a code, if any (kept in its state row). */
    public Optional<LocatedScan> lastLocation(long batchId, long index) {
        return dsl.select(CODE_STATE.LOCATED_SCAN_ID, CODE_STATE.LOCATED_AT, CODE_STATE.LOCATED_LAT_TENTHS,
                        CODE_STATE.LOCATED_LON_TENTHS)
                .from(CODE_STATE).where(CODE_STATE.BATCH_ID.eq(batchId).and(CODE_STATE.CODE_INDEX.eq(index))
                        .and(CODE_STATE.LOCATED_SCAN_ID.isNotNull()))
                .fetchOptional(r -> new LocatedScan(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Makes a located scan the code's last one, unless a later one is already stored (for a location shared after the
     * verdict; the scan writer keeps it with the rest of the state). Callers hold the code's state row lock.
     */
    public void saveLocation(long batchId, long index, LocatedScan located) {
        dsl.update(CODE_STATE).set(CODE_STATE.LOCATED_SCAN_ID, located.scanId()).set(CODE_STATE.LOCATED_AT, located.at())
                .set(CODE_STATE.LOCATED_LAT_TENTHS, located.latTenths()).set(CODE_STATE.LOCATED_LON_TENTHS, located.lonTenths())
                .where(CODE_STATE.BATCH_ID.eq(batchId).and(CODE_STATE.CODE_INDEX.eq(index))
                        .and(CODE_STATE.LOCATED_AT.isNull().or(CODE_STATE.LOCATED_AT.le(located.at()))))
                .execute();
    }

    /**
     * What recording a code seen for a counting rule found: whether the code is new among the codes seen since the
     * rule's window began (only a new code adds to an alert, so an alert's hits count codes), and how many codes were
     * seen since then, this one included (0, not counted, when the code is not new).
     */
    public record Sighting(boolean newCode, int codes) {
    }

    /**
     * A code seen for a counting rule: its batch and index, and its latest scan there (for market and run sightings, one
     * within {@link #staleAfter} of its latest).
     */
    public record Sighted(long batchId, long codeIndex, Long scanId, OffsetDateTime seenAt) {
    }

    /**
     * Records a suspect code (see {@link Verdict#isSuspect()}) seen in a cell, once per code and cell, and counts the
     * distinct codes seen there since a time.
     */
    public Sighting sight(long brandId, String cell, long batchId, long index, long scanId, OffsetDateTime at,
                          OffsetDateTime since) {
        return sighting(SUSPECT_SIGHTING, SUSPECT_SIGHTING.BRAND_ID.eq(brandId).and(SUSPECT_SIGHTING.CELL.eq(cell)),
                SUSPECT_SIGHTING.BATCH_ID.eq(batchId).and(SUSPECT_SIGHTING.CODE_INDEX.eq(index)), SUSPECT_SIGHTING.SEEN_AT,
                SUSPECT_SIGHTING.SCAN_ID, () -> dsl.insertInto(SUSPECT_SIGHTING).set(SUSPECT_SIGHTING.BRAND_ID, brandId)
                        .set(SUSPECT_SIGHTING.CELL, cell).set(SUSPECT_SIGHTING.BATCH_ID, batchId)
                        .set(SUSPECT_SIGHTING.CODE_INDEX, index).set(SUSPECT_SIGHTING.SCAN_ID, scanId)
                        .set(SUSPECT_SIGHTING.SEEN_AT, at), scanId, at, since, true);
    }

    /**
     * Records a code seen at a place of a counting rule (a map cell, a country outside the markets, a block of indexes).
     * A code comes back far more often than it is new: a code seen there within the window is moved on to this scan by
     * one update; otherwise its old row is renewed, or a row inserted. The codes seen there are counted (when asked) only
     * for a new code, the only one that can add to an alert. The writer holds the code's row lock, so no two transactions race
     * on one code's row.
     */
    private <R extends org.jooq.Record> Sighting sighting(org.jooq.Table<R> table, org.jooq.Condition place,
                                                        org.jooq.Condition code, org.jooq.TableField<R, OffsetDateTime> seenAt,
                                                        org.jooq.TableField<R, Long> scanIdField,
                                                        java.util.function.Supplier<org.jooq.InsertOnDuplicateStep<R>> insert,
                                                        long scanId, OffsetDateTime at, OffsetDateTime since,
                                                        boolean count) {
        int seen = dsl.update(table).set(scanIdField, DSL.when(seenAt.le(at), DSL.val(scanId)).otherwise(scanIdField))
                .set(seenAt, DSL.greatest(seenAt, DSL.val(at))).where(place.and(code).and(seenAt.ge(since))).execute();
        if (seen > 0) {
            return new Sighting(false, 0);
        }
        boolean newCode = dsl.update(table).set(seenAt, at).set(scanIdField, scanId).where(place.and(code)).execute() > 0
                || InsertIfAbsent.inserted(insert.get());
        int codes = newCode && count ? dsl.fetchCount(table, place.and(seenAt.ge(since))) : 0;
        return new Sighting(newCode, codes);
    }

    /**
     * How stale a market or run sighting's time may grow before a scan of its code moves it on: a thirtieth of the
     * rule's window (a day of 30). Those windows count codes, not scans, so a code that comes back within the day needs
     * nothing written (most of a diverted or copied code's scans do); only its row is read. Suspect sightings, whose
     * times the dashboard's map shows by the hour, are always moved on.
     */
    static Duration staleAfter(OffsetDateTime at, OffsetDateTime since) {
        return Duration.between(since, at).dividedBy(30);
    }

    /**
     * A market or run sighting (see {@link #sighting}), written only when the code is new there since a time or its
     * row's time is older than {@link #staleAfter}: otherwise the row is only read, by its primary key ({@code keySql},
     * plain SQL: this runs for most scans outside a batch's markets and for every second phone).
     */
    private <R extends org.jooq.Record> Sighting sightingByDay(String keySql, Object[] key, org.jooq.Table<R> table,
                                                             org.jooq.Condition place, org.jooq.Condition code,
                                                             org.jooq.TableField<R, OffsetDateTime> seenAt,
                                                             org.jooq.TableField<R, Long> scanIdField,
                                                             java.util.function.Supplier<org.jooq.InsertOnDuplicateStep<R>> insert,
                                                             long scanId, OffsetDateTime at, OffsetDateTime since, boolean count) {
        OffsetDateTime last = dsl.fetchOptional(keySql, key).map(r -> r.get(0, OffsetDateTime.class)).orElse(null);
        if (last == null) {
            boolean newCode = InsertIfAbsent.inserted(insert.get());
            return new Sighting(newCode, newCode && count ? dsl.fetchCount(table, place.and(seenAt.ge(since))) : 0);
        }
        if (!last.isBefore(at.minus(staleAfter(at, since)))) {
            return new Sighting(false, 0);
        }
        dsl.update(table).set(seenAt, at).set(scanIdField, scanId).where(place.and(code)).execute();
        if (!last.isBefore(since)) {
            return new Sighting(false, 0);
        }
        return new Sighting(true, count ? dsl.fetchCount(table, place.and(seenAt.ge(since))) : 0);
    }

    private static final String MARKET_SEEN = "SELECT seen_at FROM market_sighting WHERE batch_id = ? AND country = ? AND code_index = ?";
    private static final String RUN_SEEN = "SELECT seen_at FROM run_sighting WHERE batch_id = ? AND run_block = ? AND code_index = ?";

    /** The suspect codes seen in a cell since a time, first seen first. */
    public List<Sighted> sightings(long brandId, String cell, OffsetDateTime since) {
        return dsl.select(SUSPECT_SIGHTING.BATCH_ID, SUSPECT_SIGHTING.CODE_INDEX, SUSPECT_SIGHTING.SCAN_ID, SUSPECT_SIGHTING.SEEN_AT)
                .from(SUSPECT_SIGHTING).where(SUSPECT_SIGHTING.BRAND_ID.eq(brandId).and(SUSPECT_SIGHTING.CELL.eq(cell))
                        .and(SUSPECT_SIGHTING.SEEN_AT.ge(since)))
                .orderBy(SUSPECT_SIGHTING.SEEN_AT, SUSPECT_SIGHTING.BATCH_ID, SUSPECT_SIGHTING.CODE_INDEX)
                .fetch(r -> new Sighted(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Records a code of a batch seen in a country outside its markets, and counts the distinct codes seen there since a time. */
    public Sighting sightOutOfMarket(long brandId, long batchId, String country, long index, long scanId, OffsetDateTime at,
                                     OffsetDateTime since) {
        return sightingByDay(MARKET_SEEN, new Object[] {batchId, country, index}, MARKET_SIGHTING, MARKET_SIGHTING.BATCH_ID.eq(batchId).and(MARKET_SIGHTING.COUNTRY.eq(country)),
                MARKET_SIGHTING.CODE_INDEX.eq(index), MARKET_SIGHTING.SEEN_AT, MARKET_SIGHTING.SCAN_ID,
                () -> dsl.insertInto(MARKET_SIGHTING).set(MARKET_SIGHTING.BRAND_ID, brandId).set(MARKET_SIGHTING.BATCH_ID, batchId)
                        .set(MARKET_SIGHTING.COUNTRY, country).set(MARKET_SIGHTING.CODE_INDEX, index)
                        .set(MARKET_SIGHTING.SCAN_ID, scanId).set(MARKET_SIGHTING.SEEN_AT, at), scanId, at, since, true);
    }

    /**
     * Records a code of a batch that came back on a new phone late (or across a border) under its half-block of
     * consecutive indexes (see Detector.RUN_HALF), or one that came back on a second phone only under the negative
     * half-block the caller gives; true when the code is new there since a time (the caller counts the codes then).
     */
    public boolean noteRun(long brandId, long batchId, long half, long index, long scanId, OffsetDateTime at,
                           OffsetDateTime since) {
        return sightingByDay(RUN_SEEN, new Object[] {batchId, half, index}, RUN_SIGHTING, RUN_SIGHTING.BATCH_ID.eq(batchId).and(RUN_SIGHTING.RUN_BLOCK.eq(half)),
                RUN_SIGHTING.CODE_INDEX.eq(index), RUN_SIGHTING.SEEN_AT, RUN_SIGHTING.SCAN_ID,
                () -> dsl.insertInto(RUN_SIGHTING).set(RUN_SIGHTING.BRAND_ID, brandId).set(RUN_SIGHTING.BATCH_ID, batchId)
                        .set(RUN_SIGHTING.RUN_BLOCK, half).set(RUN_SIGHTING.CODE_INDEX, index)
                        .set(RUN_SIGHTING.SCAN_ID, scanId).set(RUN_SIGHTING.SEEN_AT, at), scanId, at, since, false).newCode();
    }

    /** The codes of a batch seen since a time in each of some half-blocks (those with none are left out). */
    public Map<Long, Integer> runCounts(long batchId, Collection<Long> halves, OffsetDateTime since) {
        Map<Long, Integer> counts = new HashMap<>();
        dsl.select(RUN_SIGHTING.RUN_BLOCK, DSL.count()).from(RUN_SIGHTING)
                .where(RUN_SIGHTING.BATCH_ID.eq(batchId).and(RUN_SIGHTING.RUN_BLOCK.in(halves)).and(RUN_SIGHTING.SEEN_AT.ge(since)))
                .groupBy(RUN_SIGHTING.RUN_BLOCK).forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** The codes of a batch in some half-blocks (see noteRun) seen since a time, first seen first. */
    public List<Sighted> runSightings(long batchId, Collection<Long> halves, OffsetDateTime since) {
        return dsl.select(RUN_SIGHTING.BATCH_ID, RUN_SIGHTING.CODE_INDEX, RUN_SIGHTING.SCAN_ID, RUN_SIGHTING.SEEN_AT)
                .from(RUN_SIGHTING).where(RUN_SIGHTING.BATCH_ID.eq(batchId).and(RUN_SIGHTING.RUN_BLOCK.in(halves))
                        .and(RUN_SIGHTING.SEEN_AT.ge(since)))
                .orderBy(RUN_SIGHTING.SEEN_AT, RUN_SIGHTING.CODE_INDEX)
                .fetch(r -> new Sighted(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The codes of a batch seen in a country outside its markets since a time, first seen first. */
    public List<Sighted> marketSightings(long batchId, String country, OffsetDateTime since) {
        return dsl.select(MARKET_SIGHTING.BATCH_ID, MARKET_SIGHTING.CODE_INDEX, MARKET_SIGHTING.SCAN_ID, MARKET_SIGHTING.SEEN_AT)
                .from(MARKET_SIGHTING).where(MARKET_SIGHTING.BATCH_ID.eq(batchId).and(MARKET_SIGHTING.COUNTRY.eq(country))
                        .and(MARKET_SIGHTING.SEEN_AT.ge(since)))
                .orderBy(MARKET_SIGHTING.SEEN_AT, MARKET_SIGHTING.CODE_INDEX)
                .fetch(r -> new Sighted(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * True when a hit of a rule and subject would go to an existing alert: an open one, or the latest one when the
     * brand marked it a false positive (see {@link AlertRepository#raise}).
     */
    public boolean alertTakesHits(long brandId, Rule rule, String subject) {
        return alertsTakingHits(brandId, rule, List.of(subject)).contains(subject);
    }

    /** The subjects among some (of one brand and rule) whose hits would go to an existing alert (see {@link #alertTakesHits}). */
    public java.util.Set<String> alertsTakingHits(long brandId, Rule rule, Collection<String> subjects) {
        java.util.Set<String> latestSeen = new java.util.HashSet<>();
        java.util.Set<String> taking = new java.util.HashSet<>();
        dsl.select(ALERT.SUBJECT, ALERT.OPEN_SUBJECT, ALERT.STATUS).from(ALERT)
                .where(ALERT.BRAND_ID.eq(brandId).and(ALERT.RULE.eq(rule.id())).and(ALERT.SUBJECT.in(subjects)))
                .orderBy(ALERT.ID.desc())
                .forEach(r -> {
                    if (latestSeen.add(r.value1()) && (r.value2() != null || AlertStatus.FALSE_POSITIVE.id().equals(r.value3()))) {
                        taking.add(r.value1());
                    }
                });
        return taking;
    }

    /** A scan's brand, code and time, for a location shared after the scan. */
    public record ScanFacts(long brandId, Long batchId, Long codeIndex, OffsetDateTime at, Verdict verdict, Integer risk,
                            String reasons) {
    }

    /** The facts of a recorded shopper's scan (a link preview or a staff check, which count for nothing, has none). */
    public Optional<ScanFacts> scan(long scanId) {
        return dsl.select(SCAN_EVENT.BRAND_ID, SCAN_EVENT.BATCH_ID, SCAN_EVENT.CODE_INDEX, SCAN_EVENT.SCANNED_AT,
                        SCAN_EVENT.VERDICT, SCAN_EVENT.RISK, SCAN_EVENT.RISK_REASONS)
                .from(SCAN_EVENT).where(SCAN_EVENT.ID.eq(scanId).and(SCAN_EVENT.BRAND_ID.isNotNull())
                        .and(SCAN_EVENT.UNCOUNTED.isNull()))
                .fetchOptional(r -> new ScanFacts(r.value1(), r.value2(), r.value3(), r.value4(), Verdict.of(r.value5()),
                        r.value6() == null ? null : r.value6().intValue(), r.value7()));
    }

    /**
     * True when a batch is a draft as the database holds it now: a node's catalog may still take a batch released on
     * another node for a draft for up to a second, and a scan in that second is no leak.
     */
    public boolean isDraft(long batchId) {
        return dsl.fetchExists(DSL.selectOne().from(BATCH).where(BATCH.ID.eq(batchId)
                .and(BATCH.STATUS.eq(BatchStatus.DRAFT.id()))));
    }

    /** The map cells among some that have an open hotspot alert of a brand (the open-alert index answers it). */
    public java.util.Set<String> openHotspots(long brandId, Collection<String> cells) {
        return dsl.select(ALERT.OPEN_SUBJECT).from(ALERT).where(ALERT.BRAND_ID.eq(brandId).and(ALERT.RULE.eq(Rule.HOTSPOT.id()))
                        .and(ALERT.OPEN_SUBJECT.in(cells.stream().map(cell -> "cell:" + cell).toList())))
                .fetchSet(r -> r.value1().substring("cell:".length()));
    }

    /** True when a brand has an open hotspot alert for a map cell (the open-alert index answers it). */
    public boolean openHotspot(long brandId, String cell) {
        return dsl.fetchExists(DSL.selectOne().from(ALERT).where(ALERT.BRAND_ID.eq(brandId).and(ALERT.RULE.eq(Rule.HOTSPOT.id()))
                .and(ALERT.OPEN_SUBJECT.eq("cell:" + cell))));
    }

    /** A batch's lot number, if it has one. */
    public Optional<String> lot(long batchId) {
        return dsl.select(BATCH.LOT).from(BATCH).where(BATCH.ID.eq(batchId)).fetchOptional(BATCH.LOT)
                .filter(lot -> !lot.isBlank());
    }

    /** How many codes a batch has (0 if it is gone). */
    public long quantity(long batchId) {
        return dsl.select(BATCH.QUANTITY).from(BATCH).where(BATCH.ID.eq(batchId)).fetchOptional(BATCH.QUANTITY).orElse(0L);
    }

    /** A brand's scans in an hour by verdict. */
    public Map<String, Long> brandScansInHour(long brandId, OffsetDateTime hour) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        dsl.select(SCAN_HOUR.VERDICT, DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BRAND_ID.eq(brandId).and(SCAN_HOUR.HOUR_START.eq(hour))).groupBy(SCAN_HOUR.VERDICT)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }
}
