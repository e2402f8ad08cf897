package dev.touchmark.report;

import static dev.touchmark.db.jooq.Tables.SHOPPER_REPORT;

import dev.touchmark.db.Cursors;
import dev.touchmark.scan.ScanRepository.ScanRef;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Record11;
import org.jooq.SelectJoinStep;
import org.jooq.DSLContext;

/** SQL for shopper reports; reads are filtered by brand. */
public final class ReportRepository {
    private final DSLContext dsl;

    public ReportRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs work in one transaction (a report and the alert it raises). */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return dsl.transactionResult(() -> work.get());
    }

    /** Stores a report about a recorded scan; sellerKey is null when it names no seller. */
    public long insert(long scanId, ScanRef scan, String place, String seller, String sellerKey, String comment,
                       OffsetDateTime now) {
        return dsl.insertInto(SHOPPER_REPORT)
                .set(SHOPPER_REPORT.BRAND_ID, scan.brandId())
                .set(SHOPPER_REPORT.SCAN_ID, scanId)
                .set(SHOPPER_REPORT.BATCH_ID, scan.batchId())
                .set(SHOPPER_REPORT.CODE_INDEX, scan.codeIndex())
                .set(SHOPPER_REPORT.VERDICT, scan.verdict())
                .set(SHOPPER_REPORT.PLACE, place)
                .set(SHOPPER_REPORT.SELLER, seller)
                .set(SHOPPER_REPORT.SELLER_KEY, sellerKey)
                .set(SHOPPER_REPORT.COMMENT, comment)
                .set(SHOPPER_REPORT.COUNTRY, scan.country())
                .set(SHOPPER_REPORT.DEVICE_ID, scan.deviceId())
                .set(SHOPPER_REPORT.CREATED_AT, now)
                .returning(SHOPPER_REPORT.ID).fetchOne().getId();
    }

    /** A page of a brand's reports that the filter keeps, newest first. */
    public List<ShopperReport> list(long brandId, ReportFilter filter, int limit, long beforeId) {
        return select(dsl).where(where(brandId, filter).and(SHOPPER_REPORT.ID.lt(beforeId)))
                .orderBy(SHOPPER_REPORT.ID.desc()).limit(limit).fetch(ReportRepository::toReport);
    }

    /** Every report of a brand that the filter keeps, newest first, one at a time from a database cursor. */
    public void forEach(long brandId, ReportFilter filter, Cursors.Limits limits, Consumer<ShopperReport> each) {
        Cursors.stream(dsl, limits, tx -> select(tx).where(where(brandId, filter)).orderBy(SHOPPER_REPORT.ID.desc()),
                r -> each.accept(toReport(r)));
    }

    private static SelectJoinStep<Record11<Long, Long, Long, Long, String, String, String, String, String, String,
            OffsetDateTime>> select(DSLContext dsl) {
        return dsl.select(SHOPPER_REPORT.ID, SHOPPER_REPORT.SCAN_ID, SHOPPER_REPORT.BATCH_ID, SHOPPER_REPORT.CODE_INDEX,
                        SHOPPER_REPORT.VERDICT, SHOPPER_REPORT.PLACE, SHOPPER_REPORT.SELLER, SHOPPER_REPORT.SELLER_KEY,
                        SHOPPER_REPORT.COMMENT, SHOPPER_REPORT.COUNTRY, SHOPPER_REPORT.CREATED_AT)
                .from(SHOPPER_REPORT);
    }

    private static Condition where(long brandId, ReportFilter filter) {
        Condition where = SHOPPER_REPORT.BRAND_ID.eq(brandId);
        where = filter.batchId().map(SHOPPER_REPORT.BATCH_ID::eq).map(where::and).orElse(where);
        where = filter.verdict().map(v -> SHOPPER_REPORT.VERDICT.eq(v.id())).map(where::and).orElse(where);
        where = filter.window().start().map(SHOPPER_REPORT.CREATED_AT::ge).map(where::and).orElse(where);
        return filter.window().end().map(SHOPPER_REPORT.CREATED_AT::lt).map(where::and).orElse(where);
    }

    private static ShopperReport toReport(Record11<Long, Long, Long, Long, String, String, String, String, String, String,
            OffsetDateTime> r) {
        return new ShopperReport(r.value1(), r.value2() == null ? null : Long.toString(r.value2()), r.value3(),
                r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11());
    }
}
