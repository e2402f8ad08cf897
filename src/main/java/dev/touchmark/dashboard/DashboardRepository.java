package dev.touchmark.dashboard;

import java.util.EnumMap;

import dev.touchmark.domain.BatchStatus;

import dev.touchmark.domain.Verdict;

import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.CODE_STATE;
import static dev.touchmark.db.jooq.Tables.PRODUCT;
import static dev.touchmark.db.jooq.Tables.SCAN_BATCH_COUNTRY;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;
import static dev.touchmark.db.jooq.Tables.SCAN_DAY;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;

import dev.touchmark.domain.ScanRole;
import static dev.touchmark.db.jooq.Tables.SCAN_HOUR;
import static dev.touchmark.db.jooq.Tables.SUSPECT_CODE;
import static dev.touchmark.db.jooq.Tables.SUSPECT_SIGHTING;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads for the dashboard, all from rollups and indexes the scan writer keeps (never a scan of the scan log). */
public final class DashboardRepository {
    private final DSLContext dsl;

    public DashboardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Codes of the brand's batches that were released, so their labels can be on products: released and recalled
     * batches (not drafts, whose labels must not be used yet, nor voided ones, whose labels must never be).
     */
    public long codesMinted(long brandId) {
        return codes(brandId, List.of(BatchStatus.RELEASED.id(), BatchStatus.RECALLED.id()));
    }

    /** Codes of the brand's draft batches (printed perhaps, but not released). */
    public long codesInDrafts(long brandId) {
        return codes(brandId, List.of(BatchStatus.DRAFT.id()));
    }

    private long codes(long brandId, List<String> statuses) {
        BigDecimal sum = dsl.select(DSL.sum(BATCH.QUANTITY)).from(BATCH)
                .where(BATCH.BRAND_ID.eq(brandId).and(BATCH.STATUS.in(statuses))).fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValue();
    }

    /** Scans per day and verdict from a day (inclusive) to another (exclusive). */
    public Map<LocalDate, Map<Verdict, Long>> scansByDay(long brandId, LocalDate from, LocalDate toExclusive) {
        Map<LocalDate, Map<Verdict, Long>> days = new TreeMap<>();
        dsl.select(SCAN_DAY.SCAN_DATE, SCAN_DAY.VERDICT, DSL.sum(SCAN_DAY.SCANS)).from(SCAN_DAY)
                .where(SCAN_DAY.BRAND_ID.eq(brandId).and(SCAN_DAY.SCAN_DATE.ge(from)).and(SCAN_DAY.SCAN_DATE.lt(toExclusive)))
                .groupBy(SCAN_DAY.SCAN_DATE, SCAN_DAY.VERDICT)
                .forEach(r -> days.computeIfAbsent(r.value1(), d -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return days;
    }

    /** Scans per hour and verdict from an hour on (inclusive). */
    public Map<OffsetDateTime, Map<Verdict, Long>> scansByHour(long brandId, OffsetDateTime from) {
        Map<OffsetDateTime, Map<Verdict, Long>> hours = new TreeMap<>();
        dsl.select(SCAN_HOUR.HOUR_START, SCAN_HOUR.VERDICT, DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BRAND_ID.eq(brandId).and(SCAN_HOUR.HOUR_START.ge(from)))
                .groupBy(SCAN_HOUR.HOUR_START, SCAN_HOUR.VERDICT)
                .forEach(r -> hours.computeIfAbsent(r.value1().toInstant().atOffset(java.time.ZoneOffset.UTC), h -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return hours;
    }

    /** Scans per country and verdict from a day (inclusive) to another (exclusive). */
    public Map<String, Map<Verdict, Long>> scansByCountry(long brandId, LocalDate from, LocalDate toExclusive) {
        Map<String, Map<Verdict, Long>> countries = new TreeMap<>();
        dsl.select(SCAN_DAY.COUNTRY, SCAN_DAY.VERDICT, DSL.sum(SCAN_DAY.SCANS)).from(SCAN_DAY)
                .where(SCAN_DAY.BRAND_ID.eq(brandId).and(SCAN_DAY.SCAN_DATE.ge(from)).and(SCAN_DAY.SCAN_DATE.lt(toExclusive)))
                .groupBy(SCAN_DAY.COUNTRY, SCAN_DAY.VERDICT)
                .forEach(r -> countries.computeIfAbsent(r.value1(), c -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return countries;
    }

    /** Located scans per half-degree cell from a day (inclusive) to another (exclusive): cell, scans, suspect scans. */
    public List<long[]> cells(long brandId, LocalDate from, LocalDate toExclusive) {
        return dsl.select(SCAN_CELL_DAY.CELL, DSL.sum(SCAN_CELL_DAY.SCANS), DSL.sum(SCAN_CELL_DAY.SUSPECT)).from(SCAN_CELL_DAY)
                .where(SCAN_CELL_DAY.BRAND_ID.eq(brandId).and(SCAN_CELL_DAY.SCAN_DATE.ge(from))
                        .and(SCAN_CELL_DAY.SCAN_DATE.lt(toExclusive)))
                .groupBy(SCAN_CELL_DAY.CELL)
                .fetch(r -> {
                    String[] parts = r.value1().split(":");
                    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), r.value2().longValue(),
                        r.value3().longValue()};
                });
    }

    /**
     * Distinct suspect codes (see {@link Verdict#isSuspect()}) last seen in each half-degree cell from a time
     * (inclusive) to another (exclusive), as the hotspot rule counts them, by cell ("lat:lon" in half degrees).
     */
    public Map<String, Long> suspectCodesByCell(long brandId, OffsetDateTime from, OffsetDateTime toExclusive) {
        Map<String, Long> cells = new TreeMap<>();
        dsl.select(SUSPECT_SIGHTING.CELL, DSL.count()).from(SUSPECT_SIGHTING)
                .where(SUSPECT_SIGHTING.BRAND_ID.eq(brandId).and(SUSPECT_SIGHTING.SEEN_AT.ge(from))
                        .and(SUSPECT_SIGHTING.SEEN_AT.lt(toExclusive)))
                .groupBy(SUSPECT_SIGHTING.CELL)
                .forEach(r -> cells.put(r.value1(), r.value2().longValue()));
        return cells;
    }

    /** Scans per batch (not the "no batch" row) and verdict from an hour (inclusive) to another (exclusive). */
    public Map<Long, Map<Verdict, Long>> scansByBatch(long brandId, OffsetDateTime from, OffsetDateTime toExclusive) {
        Map<Long, Map<Verdict, Long>> batches = new TreeMap<>();
        dsl.select(SCAN_HOUR.BATCH_ID, SCAN_HOUR.VERDICT, DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BRAND_ID.eq(brandId).and(SCAN_HOUR.HOUR_START.ge(from)).and(SCAN_HOUR.HOUR_START.lt(toExclusive))
                        .and(SCAN_HOUR.BATCH_ID.ne(0L)))
                .groupBy(SCAN_HOUR.BATCH_ID, SCAN_HOUR.VERDICT)
                .forEach(r -> batches.computeIfAbsent(r.value1(), b -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return batches;
    }

    /** Open (or acknowledged) alerts by severity. */
    public Map<String, Integer> openAlertsBySeverity(long brandId) {
        Map<String, Integer> counts = new TreeMap<>();
        dsl.select(ALERT.SEVERITY, DSL.count()).from(ALERT)
                .where(ALERT.BRAND_ID.eq(brandId).and(ALERT.OPEN_SUBJECT.isNotNull())).groupBy(ALERT.SEVERITY)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** The state of one code, if it was ever scanned. */
    public record CodeState(OffsetDateTime firstScanAt, String firstCountry, OffsetDateTime lastScanAt, long scans, int devices) {
    }

    /** The state of one code of a batch of the brand. */
    public Optional<CodeState> codeState(long brandId, long batchId, long index) {
        return dsl.select(CODE_STATE.FIRST_SCAN_AT, CODE_STATE.FIRST_COUNTRY, CODE_STATE.LAST_SCAN_AT, CODE_STATE.SCAN_COUNT,
                        CODE_STATE.DEVICE_COUNT)
                .from(CODE_STATE).where(CODE_STATE.BRAND_ID.eq(brandId).and(CODE_STATE.BATCH_ID.eq(batchId))
                        .and(CODE_STATE.CODE_INDEX.eq(index)))
                .fetchOptional(r -> new CodeState(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * One scan of a code, as the code's history shows it; countedAs is shopper, or staff (a staff check) or preview (a
     * link preview), which are recorded but count for nothing.
     */
    public record ScanRow(String id, OffsetDateTime at, String verdict, String reason, Integer risk, String riskReasons,
                          String country, Double lat, Double lon, String device, String client, String countedAs) {
    }

    /** The newest scans of a code of a batch of the brand. */
    public List<ScanRow> scans(long brandId, long batchId, long index, int limit) {
        return dsl.select(SCAN_ROW).from(SCAN_EVENT).where(SCAN_EVENT.BATCH_ID.eq(batchId).and(SCAN_EVENT.CODE_INDEX.eq(index))
                        .and(SCAN_EVENT.BRAND_ID.eq(brandId)))
                .orderBy(SCAN_EVENT.ID.desc()).limit(limit)
                .fetch(DashboardRepository::scanRow);
    }

    /** A scan of the brand found by its reference, with the code it was of (or claimed to be, if forged; null if none). */
    public record ReferencedScan(Long batchId, Long codeIndex, ScanRow row) {
    }

    /** One scan of the brand by its id (the scan log's primary key): nothing for another brand's scan. */
    public Optional<ReferencedScan> scan(long brandId, long scanId) {
        List<org.jooq.SelectField<?>> fields = new java.util.ArrayList<>(SCAN_ROW);
        fields.add(SCAN_EVENT.BATCH_ID);
        fields.add(SCAN_EVENT.CODE_INDEX);
        return dsl.select(fields).from(SCAN_EVENT).where(SCAN_EVENT.ID.eq(scanId).and(SCAN_EVENT.BRAND_ID.eq(brandId)))
                .fetchOptional(r -> new ReferencedScan(r.get(SCAN_EVENT.BATCH_ID), r.get(SCAN_EVENT.CODE_INDEX), scanRow(r)));
    }

    private static final List<org.jooq.SelectField<?>> SCAN_ROW = List.of(SCAN_EVENT.ID, SCAN_EVENT.SCANNED_AT, SCAN_EVENT.VERDICT,
            SCAN_EVENT.REASON, SCAN_EVENT.RISK, SCAN_EVENT.RISK_REASONS, SCAN_EVENT.COUNTRY, SCAN_EVENT.LAT_TENTHS,
            SCAN_EVENT.LON_TENTHS, SCAN_EVENT.DEVICE_ID, SCAN_EVENT.CLIENT_KIND, SCAN_EVENT.UNCOUNTED);

    private static ScanRow scanRow(org.jooq.Record r) {
        Number risk = r.get(SCAN_EVENT.RISK);
        Integer lat = r.get(SCAN_EVENT.LAT_TENTHS);
        Integer lon = r.get(SCAN_EVENT.LON_TENTHS);
        String device = r.get(SCAN_EVENT.DEVICE_ID);
        return new ScanRow(Long.toString(r.get(SCAN_EVENT.ID)), r.get(SCAN_EVENT.SCANNED_AT), r.get(SCAN_EVENT.VERDICT),
                r.get(SCAN_EVENT.REASON), risk == null ? null : risk.intValue(), r.get(SCAN_EVENT.RISK_REASONS),
                r.get(SCAN_EVENT.COUNTRY), lat == null ? null : lat / 10.0, lon == null ? null : lon / 10.0,
                device == null ? null : "phone " + device.substring(0, 6), r.get(SCAN_EVENT.CLIENT_KIND),
                r.get(SCAN_EVENT.UNCOUNTED) == null ? ScanRole.SHOPPER.id() : r.get(SCAN_EVENT.UNCOUNTED));
    }

    /** What the lookup shows of a batch. */
    public record BatchFacts(long id, long quantity, String product, String lot, LocalDate expiry, String status) {
    }

    /** The brand's batches among some ids (another brand's are left out), by id. */
    public Map<Long, BatchFacts> batches(long brandId, java.util.Collection<Long> ids) {
        Map<Long, BatchFacts> found = new TreeMap<>();
        dsl.select(BATCH.ID, BATCH.QUANTITY, PRODUCT.NAME, BATCH.LOT, BATCH.EXPIRY, BATCH.STATUS)
                .from(BATCH).join(PRODUCT).on(PRODUCT.ID.eq(BATCH.PRODUCT_ID))
                .where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.in(ids)))
                .forEach(r -> found.put(r.value1(), new BatchFacts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6())));
        return found;
    }

    /** A batch's scans of its genuine codes in one country ("" when unknown): scans, codes first scanned there, suspect. */
    public record BatchCountry(String country, long scans, long codes, long suspect) {
    }

    /** A batch's scans per country, from the rollup the scan writer keeps (one row per country, never the scan log). */
    public List<BatchCountry> batchCountries(long brandId, long batchId) {
        return dsl.select(SCAN_BATCH_COUNTRY.COUNTRY, SCAN_BATCH_COUNTRY.SCANS, SCAN_BATCH_COUNTRY.CODES, SCAN_BATCH_COUNTRY.SUSPECT)
                .from(SCAN_BATCH_COUNTRY).where(SCAN_BATCH_COUNTRY.BRAND_ID.eq(brandId).and(SCAN_BATCH_COUNTRY.BATCH_ID.eq(batchId)))
                .fetch(r -> new BatchCountry(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Codes of a batch that got at least one suspect verdict (a range of the suspect codes' key). */
    public long suspectCodes(long brandId, long batchId) {
        return dsl.fetchCount(SUSPECT_CODE, SUSPECT_CODE.BATCH_ID.eq(batchId).and(SUSPECT_CODE.BRAND_ID.eq(brandId)));
    }
}
