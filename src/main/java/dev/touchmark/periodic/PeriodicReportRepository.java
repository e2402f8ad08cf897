package dev.touchmark.periodic;

import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.db.Upsert;
import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.ALERT_EVENT;
import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.PERIODIC_REPORT;
import static dev.touchmark.db.jooq.Tables.PERIODIC_REPORT_SCHEDULE;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;
import static dev.touchmark.db.jooq.Tables.SCAN_DAY;
import static dev.touchmark.db.jooq.Tables.SCAN_HOUR;
import static dev.touchmark.db.jooq.Tables.SHOPPER_REPORT;

import dev.touchmark.domain.Verdict;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * SQL for regular reports: their rows (claimed with a lease, so one node of many generates each), the brands'
 * schedules, and the period's numbers, read from the rollups, alerts and shopper reports (never the scan log).
 */
public final class PeriodicReportRepository {
    private static final Field<Integer> PDF_BYTES = DSL.field("octet_length({0})", Integer.class, PERIODIC_REPORT.PDF).as("pdf_bytes");
    private static final Field<Integer> CSV_BYTES = DSL.field("octet_length({0})", Integer.class, PERIODIC_REPORT.CSV).as("csv_bytes");
    private static final SelectField<?>[] COLUMNS = {
        PERIODIC_REPORT.ID, PERIODIC_REPORT.PERIOD_KIND, PERIODIC_REPORT.PERIOD_START, PERIODIC_REPORT.PERIOD_END,
        PERIODIC_REPORT.STATUS, PERIODIC_REPORT.REQUESTED_BY, PERIODIC_REPORT.CREATED_AT, PERIODIC_REPORT.READY_AT,
        PDF_BYTES, CSV_BYTES
    };
    private final DSLContext dsl;

    public PeriodicReportRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs work in one transaction. */
    public <T> T inTransaction(Supplier<T> work) {
        return dsl.transactionResult(() -> work.get());
    }

    // ---- reports ----

    /**
     * Adds a pending report for a period unless the brand has one; true if this call added it. With a lease, the
     * report is claimed by this node as it is added (no other node's poll can take it in between); without one, any
     * node may claim it.
     */
    public boolean insertIfAbsent(long brandId, ReportPeriod period, String requestedBy, OffsetDateTime now,
                                  OffsetDateTime leaseUntil) {
        return InsertIfAbsent.inserted(dsl.insertInto(PERIODIC_REPORT)
                .set(PERIODIC_REPORT.BRAND_ID, brandId)
                .set(PERIODIC_REPORT.PERIOD_KIND, period.kind().id())
                .set(PERIODIC_REPORT.PERIOD_START, period.start())
                .set(PERIODIC_REPORT.PERIOD_END, period.endExclusive())
                .set(PERIODIC_REPORT.STATUS, PeriodicReport.PENDING)
                .set(PERIODIC_REPORT.REQUESTED_BY, requestedBy)
                .set(PERIODIC_REPORT.ATTEMPTS, leaseUntil == null ? 0 : 1)
                .set(PERIODIC_REPORT.LEASE_UNTIL, leaseUntil)
                .set(PERIODIC_REPORT.CREATED_AT, now));
    }

    /** The brand's report for a period, if any. */
    public Optional<PeriodicReport> find(long brandId, ReportPeriod period) {
        return dsl.select(COLUMNS).from(PERIODIC_REPORT)
                .where(PERIODIC_REPORT.BRAND_ID.eq(brandId).and(PERIODIC_REPORT.PERIOD_KIND.eq(period.kind().id()))
                        .and(PERIODIC_REPORT.PERIOD_START.eq(period.start())))
                .fetchOptional(PeriodicReportRepository::report);
    }

    /** One report of the brand. */
    public Optional<PeriodicReport> find(long brandId, long id) {
        return dsl.select(COLUMNS).from(PERIODIC_REPORT)
                .where(PERIODIC_REPORT.ID.eq(id).and(PERIODIC_REPORT.BRAND_ID.eq(brandId)))
                .fetchOptional(PeriodicReportRepository::report);
    }

    /** A page of the brand's reports, newest period first. */
    public List<PeriodicReport> list(long brandId, int limit, long beforeId) {
        return dsl.select(COLUMNS).from(PERIODIC_REPORT)
                .where(PERIODIC_REPORT.BRAND_ID.eq(brandId).and(PERIODIC_REPORT.ID.lt(beforeId)))
                .orderBy(PERIODIC_REPORT.ID.desc()).limit(limit)
                .fetch(PeriodicReportRepository::report);
    }

    private static PeriodicReport report(Record r) {
        return PeriodicReport.of(r.get(PERIODIC_REPORT.ID), r.get(PERIODIC_REPORT.PERIOD_KIND), r.get(PERIODIC_REPORT.PERIOD_START),
                r.get(PERIODIC_REPORT.PERIOD_END), r.get(PERIODIC_REPORT.STATUS), r.get(PERIODIC_REPORT.REQUESTED_BY),
                r.get(PERIODIC_REPORT.CREATED_AT), r.get(PERIODIC_REPORT.READY_AT), r.get(PDF_BYTES), r.get(CSV_BYTES));
    }

    /** The stored PDF or CSV of a ready report of the brand. */
    public Optional<byte[]> file(long brandId, long id, boolean pdf) {
        Field<byte[]> column = pdf ? PERIODIC_REPORT.PDF : PERIODIC_REPORT.CSV;
        return dsl.select(column).from(PERIODIC_REPORT)
                .where(PERIODIC_REPORT.ID.eq(id).and(PERIODIC_REPORT.BRAND_ID.eq(brandId))
                        .and(PERIODIC_REPORT.STATUS.eq(PeriodicReport.READY)))
                .fetchOptional(column);
    }

    /** A pending report to generate: its id, brand and period. */
    public record Pending(long id, long brandId, ReportPeriod period) {
    }

    /** Pending reports not leased by a live node, oldest first. */
    public List<Pending> due(OffsetDateTime now, int limit) {
        return dsl.select(PERIODIC_REPORT.ID, PERIODIC_REPORT.BRAND_ID, PERIODIC_REPORT.PERIOD_KIND, PERIODIC_REPORT.PERIOD_START)
                .from(PERIODIC_REPORT).where(claimable(now))
                .orderBy(PERIODIC_REPORT.ID).limit(limit)
                .fetch(r -> new Pending(r.value1(), r.value2(),
                        ReportPeriod.of(PeriodKind.of(r.value3()).orElseThrow(), r.value4())));
    }

    /**
     * Takes a pending report for one node until leaseUntil: a single conditional UPDATE, so of several nodes racing
     * for the same row exactly one sees an update count of 1 (on H2 and PostgreSQL alike).
     */
    public boolean claim(long id, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return dsl.update(PERIODIC_REPORT)
                .set(PERIODIC_REPORT.LEASE_UNTIL, leaseUntil)
                .set(PERIODIC_REPORT.ATTEMPTS, PERIODIC_REPORT.ATTEMPTS.plus(1))
                .where(PERIODIC_REPORT.ID.eq(id).and(claimable(now)))
                .execute() == 1;
    }

    private static Condition claimable(OffsetDateTime now) {
        return PERIODIC_REPORT.STATUS.eq(PeriodicReport.PENDING)
                .and(PERIODIC_REPORT.LEASE_UNTIL.isNull().or(PERIODIC_REPORT.LEASE_UNTIL.lt(now)));
    }

    /**
     * Stores a generated report and marks it ready, if this node still holds its lease (it was not taken over after
     * the lease ran out); false if another node's claim came first.
     */
    public boolean markReady(long id, OffsetDateTime leaseUntil, byte[] pdf, byte[] csv, OffsetDateTime now) {
        return dsl.update(PERIODIC_REPORT)
                .set(PERIODIC_REPORT.STATUS, PeriodicReport.READY)
                .set(PERIODIC_REPORT.PDF, pdf)
                .set(PERIODIC_REPORT.CSV, csv)
                .set(PERIODIC_REPORT.READY_AT, now)
                .setNull(PERIODIC_REPORT.LEASE_UNTIL)
                .where(PERIODIC_REPORT.ID.eq(id).and(PERIODIC_REPORT.STATUS.eq(PeriodicReport.PENDING))
                        .and(PERIODIC_REPORT.LEASE_UNTIL.eq(leaseUntil)))
                .execute() == 1;
    }

    /** Gives a claimed report back at once (generating it failed), so the next poll tries again. */
    public void release(long id, OffsetDateTime leaseUntil) {
        dsl.update(PERIODIC_REPORT).setNull(PERIODIC_REPORT.LEASE_UNTIL)
                .where(PERIODIC_REPORT.ID.eq(id).and(PERIODIC_REPORT.LEASE_UNTIL.eq(leaseUntil))).execute();
    }

    // ---- brands and schedules ----

    /** A brand, when it was created, and its schedule. */
    public record BrandSchedule(long brandId, String name, LocalDate createdOn, ReportSchedule schedule) {
    }

    /** Every brand with its schedule (the default where it has none). */
    public List<BrandSchedule> brandSchedules() {
        return dsl.select(BRAND.ID, BRAND.NAME, BRAND.CREATED_AT, PERIODIC_REPORT_SCHEDULE.WEEKLY, PERIODIC_REPORT_SCHEDULE.MONTHLY,
                        PERIODIC_REPORT_SCHEDULE.UPDATED_AT, PERIODIC_REPORT_SCHEDULE.UPDATED_BY)
                .from(BRAND).leftJoin(PERIODIC_REPORT_SCHEDULE).on(PERIODIC_REPORT_SCHEDULE.BRAND_ID.eq(BRAND.ID))
                .orderBy(BRAND.ID)
                .fetch(r -> new BrandSchedule(r.value1(), r.value2(), utcDay(r.value3()),
                        r.value4() == null ? ReportSchedule.DEFAULT : new ReportSchedule(r.value4(), r.value5(), r.value6(), r.value7())));
    }

    /** One brand with its schedule. */
    public Optional<BrandSchedule> brandSchedule(long brandId) {
        return dsl.select(BRAND.ID, BRAND.NAME, BRAND.CREATED_AT, PERIODIC_REPORT_SCHEDULE.WEEKLY, PERIODIC_REPORT_SCHEDULE.MONTHLY,
                        PERIODIC_REPORT_SCHEDULE.UPDATED_AT, PERIODIC_REPORT_SCHEDULE.UPDATED_BY)
                .from(BRAND).leftJoin(PERIODIC_REPORT_SCHEDULE).on(PERIODIC_REPORT_SCHEDULE.BRAND_ID.eq(BRAND.ID))
                .where(BRAND.ID.eq(brandId))
                .fetchOptional(r -> new BrandSchedule(r.value1(), r.value2(), utcDay(r.value3()),
                        r.value4() == null ? ReportSchedule.DEFAULT : new ReportSchedule(r.value4(), r.value5(), r.value6(), r.value7())));
    }

    private static LocalDate utcDay(OffsetDateTime at) {
        return at.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /** Sets a brand's schedule (see {@link Upsert}). */
    public void saveSchedule(long brandId, boolean weekly, boolean monthly, OffsetDateTime now, String actor) {
        Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
        values.put(PERIODIC_REPORT_SCHEDULE.WEEKLY, weekly);
        values.put(PERIODIC_REPORT_SCHEDULE.MONTHLY, monthly);
        values.put(PERIODIC_REPORT_SCHEDULE.UPDATED_AT, now);
        values.put(PERIODIC_REPORT_SCHEDULE.UPDATED_BY, actor);
        Upsert.save(dsl, PERIODIC_REPORT_SCHEDULE, PERIODIC_REPORT_SCHEDULE.BRAND_ID, brandId, values);
    }

    // ---- the period's numbers ----

    /** Scans per day and verdict in the period. */
    public Map<LocalDate, Map<Verdict, Long>> scansByDay(long brandId, ReportPeriod period) {
        Map<LocalDate, Map<Verdict, Long>> days = new TreeMap<>();
        dsl.select(SCAN_DAY.SCAN_DATE, SCAN_DAY.VERDICT, DSL.sum(SCAN_DAY.SCANS)).from(SCAN_DAY)
                .where(SCAN_DAY.BRAND_ID.eq(brandId).and(SCAN_DAY.SCAN_DATE.ge(period.start()))
                        .and(SCAN_DAY.SCAN_DATE.lt(period.endExclusive())))
                .groupBy(SCAN_DAY.SCAN_DATE, SCAN_DAY.VERDICT)
                .forEach(r -> days.computeIfAbsent(r.value1(), d -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return days;
    }

    /** Scans per country and verdict in the period. */
    public Map<String, Map<Verdict, Long>> scansByCountry(long brandId, ReportPeriod period) {
        Map<String, Map<Verdict, Long>> countries = new TreeMap<>();
        dsl.select(SCAN_DAY.COUNTRY, SCAN_DAY.VERDICT, DSL.sum(SCAN_DAY.SCANS)).from(SCAN_DAY)
                .where(SCAN_DAY.BRAND_ID.eq(brandId).and(SCAN_DAY.SCAN_DATE.ge(period.start()))
                        .and(SCAN_DAY.SCAN_DATE.lt(period.endExclusive())))
                .groupBy(SCAN_DAY.COUNTRY, SCAN_DAY.VERDICT)
                .forEach(r -> countries.computeIfAbsent(r.value1(), c -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return countries;
    }

    /** The busiest half-degree cells of the period: cell key ("lat:lon" in half degrees), scans, suspect scans. */
    public List<ReportData.CellRow> topCells(long brandId, ReportPeriod period, int limit) {
        var scans = DSL.sum(SCAN_CELL_DAY.SCANS);
        return dsl.select(SCAN_CELL_DAY.CELL, scans, DSL.sum(SCAN_CELL_DAY.SUSPECT)).from(SCAN_CELL_DAY)
                .where(SCAN_CELL_DAY.BRAND_ID.eq(brandId).and(SCAN_CELL_DAY.SCAN_DATE.ge(period.start()))
                        .and(SCAN_CELL_DAY.SCAN_DATE.lt(period.endExclusive())))
                .groupBy(SCAN_CELL_DAY.CELL)
                .orderBy(scans.desc(), SCAN_CELL_DAY.CELL).limit(limit)
                .fetch(r -> {
                    String[] parts = r.value1().split(":");
                    return new ReportData.CellRow((Long.parseLong(parts[0]) * 5 + 2.5) / 10.0,
                            (Long.parseLong(parts[1]) * 5 + 2.5) / 10.0, r.value2().longValue(), r.value3().longValue());
                });
    }

    /** Scans per batch (not the "no batch" row) and verdict in the period, from the hourly rollup. */
    public Map<Long, Map<Verdict, Long>> scansByBatch(long brandId, ReportPeriod period) {
        Map<Long, Map<Verdict, Long>> batches = new TreeMap<>();
        dsl.select(SCAN_HOUR.BATCH_ID, SCAN_HOUR.VERDICT, DSL.sum(SCAN_HOUR.SCANS)).from(SCAN_HOUR)
                .where(SCAN_HOUR.BRAND_ID.eq(brandId).and(SCAN_HOUR.HOUR_START.ge(period.startsAt()))
                        .and(SCAN_HOUR.HOUR_START.lt(period.endsAt())).and(SCAN_HOUR.BATCH_ID.ne(0L)))
                .groupBy(SCAN_HOUR.BATCH_ID, SCAN_HOUR.VERDICT)
                .forEach(r -> batches.computeIfAbsent(r.value1(), b -> new EnumMap<>(Verdict.class))
                        .put(Verdict.of(r.value2()), r.value3().longValue()));
        return batches;
    }

    /** The lots of the brand's batches among some ids (batches without a lot are left out). */
    public Map<Long, String> lots(long brandId, Collection<Long> batchIds) {
        Map<Long, String> lots = new TreeMap<>();
        if (batchIds.isEmpty()) {
            return lots;
        }
        dsl.select(BATCH.ID, BATCH.LOT).from(BATCH).where(BATCH.BRAND_ID.eq(brandId).and(BATCH.ID.in(batchIds)))
                .forEach(r -> {
                    if (r.value2() != null) {
                        lots.put(r.value1(), r.value2());
                    }
                });
        return lots;
    }

    /** Alerts first seen in the period: rule, current status, how many. */
    public List<Object[]> alertsByRuleAndStatus(long brandId, ReportPeriod period) {
        return dsl.select(ALERT.RULE, ALERT.STATUS, DSL.count()).from(ALERT)
                .where(raisedIn(brandId, period))
                .groupBy(ALERT.RULE, ALERT.STATUS)
                .fetch(r -> new Object[] {r.value1(), r.value2(), r.value3().longValue()});
    }

    /** For each alert first seen in the period that left "open": when it was first seen and when it first left it. */
    public List<OffsetDateTime[]> firstMovesOutOfOpen(long brandId, ReportPeriod period) {
        return dsl.select(ALERT.FIRST_SEEN_AT, DSL.min(ALERT_EVENT.CHANGED_AT)).from(ALERT)
                .join(ALERT_EVENT).on(ALERT_EVENT.ALERT_ID.eq(ALERT.ID).and(ALERT_EVENT.FROM_STATUS.eq("open")))
                .where(raisedIn(brandId, period))
                .groupBy(ALERT.ID, ALERT.FIRST_SEEN_AT)
                .fetch(r -> new OffsetDateTime[] {r.value1(), r.value2()});
    }

    private static Condition raisedIn(long brandId, ReportPeriod period) {
        return ALERT.BRAND_ID.eq(brandId).and(ALERT.FIRST_SEEN_AT.ge(period.startsAt())).and(ALERT.FIRST_SEEN_AT.lt(period.endsAt()));
    }

    /** Shopper reports received in the period by country ("" when unknown), most first. */
    public List<ReportData.CountryCount> shopperReportsByCountry(long brandId, ReportPeriod period) {
        Field<String> country = DSL.coalesce(SHOPPER_REPORT.COUNTRY, DSL.inline(""));
        Field<Integer> count = DSL.count();
        List<ReportData.CountryCount> rows = new ArrayList<>();
        dsl.select(country, count).from(SHOPPER_REPORT)
                .where(SHOPPER_REPORT.BRAND_ID.eq(brandId).and(SHOPPER_REPORT.CREATED_AT.ge(period.startsAt()))
                        .and(SHOPPER_REPORT.CREATED_AT.lt(period.endsAt())))
                .groupBy(country)
                .orderBy(count.desc(), country)
                .forEach(r -> rows.add(new ReportData.CountryCount(r.value1(), r.value2())));
        return rows;
    }
}
