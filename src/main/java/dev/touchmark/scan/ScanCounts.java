package dev.touchmark.scan;

import static dev.touchmark.db.jooq.Tables.SUSPECT_CODE;

import dev.touchmark.db.CountUpsert;
import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Place;
import dev.touchmark.domain.Verdict;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The scan statistics the dashboard reads instead of the scan log: a brand's scans per batch, hour and verdict; per
 * day, country and verdict; its located scans per day and map cell; each batch's scans, first scans and suspect scans
 * per country, and the codes that ever got a suspect verdict. The scan writer adds a group's scans in the group's
 * transaction, whatever the detection rules found (they are counts of what was recorded, not rules), with sorted
 * upserts, so several writers add up and cannot deadlock on them.
 */
public final class ScanCounts {
    private static final Comparator<CodeRef> CODE_ORDER = Comparator.comparingLong(CodeRef::batchId).thenComparingLong(CodeRef::index);
    private static final String SUSPECT_CODE_LISTED = "SELECT 1 FROM suspect_code WHERE batch_id = ? AND code_index = ?";
    private final DSLContext dsl;
    private final boolean postgres;
    private final CountUpsert hours;
    private final CountUpsert days;
    private final CountUpsert cells;
    private final CountUpsert batchCountries;

    public ScanCounts(DSLContext dsl) {
        this.dsl = dsl;
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
        this.hours = new CountUpsert(postgres, "scan_hour", List.of(col("brand_id", "BIGINT"), col("batch_id", "BIGINT"),
                col("hour_start", "TIMESTAMP WITH TIME ZONE"), col("verdict", "VARCHAR(16)")), List.of(col("scans", "BIGINT")));
        this.days = new CountUpsert(postgres, "scan_day", List.of(col("brand_id", "BIGINT"), col("scan_date", "DATE"),
                col("country", "VARCHAR(2)"), col("verdict", "VARCHAR(16)")), List.of(col("scans", "BIGINT")));
        this.cells = new CountUpsert(postgres, "scan_cell_day", List.of(col("brand_id", "BIGINT"), col("scan_date", "DATE"),
                col("cell", "VARCHAR(16)")), List.of(col("scans", "BIGINT"), col("suspect", "BIGINT"), col("forged", "BIGINT")));
        this.batchCountries = new CountUpsert(postgres, "scan_batch_country", List.of(col("brand_id", "BIGINT"),
                col("batch_id", "BIGINT"), col("country", "VARCHAR(2)")), List.of(col("scans", "BIGINT"), col("codes", "BIGINT"),
                col("suspect", "BIGINT")));
    }

    private static CountUpsert.Column col(String name, String type) {
        return new CountUpsert.Column(name, type);
    }

    private record HourKey(long brandId, long batchId, OffsetDateTime hour, String verdict) {
    }

    private record DayKey(long brandId, LocalDate day, String country, String verdict) {
    }

    private record CellKey(long brandId, LocalDate day, String cell) {
    }

    private record BatchCountryKey(long brandId, long batchId, String country) {
    }

    /** Adds a written group's counted scans (link previews and staff checks are not passed), in its transaction. */
    void add(List<ScanJudge.Judged> group, OffsetDateTime now) {
        Map<HourKey, Long> byHour = new HashMap<>();
        Map<DayKey, Long> byDay = new HashMap<>();
        Map<CellKey, long[]> byCell = new HashMap<>();
        Map<BatchCountryKey, long[]> byBatchCountry = new HashMap<>();
        Map<CodeRef, Long> suspectCodes = new HashMap<>();
        LocalDate day = now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
        for (ScanJudge.Judged j : group) {
            ScanToRecord s = j.scan();
            Verdict verdict = j.outcome().verdict();
            String country = s.shopper().country() == null ? "" : s.shopper().country();
            byHour.merge(new HourKey(s.brandId(), s.batchId() == null ? 0 : s.batchId(), hour, verdict.id()), 1L, Long::sum);
            byDay.merge(new DayKey(s.brandId(), day, country, verdict.id()), 1L, Long::sum);
            if (s.located()) {
                long[] c = byCell.computeIfAbsent(new CellKey(s.brandId(), day, s.place().cell()), k -> new long[3]);
                c[0]++;
                c[1] += verdict.isSuspect() ? 1 : 0;
                c[2] += forged(s, verdict) ? 1 : 0;
            }
            if (s.tracksCode()) {
                long[] c = byBatchCountry.computeIfAbsent(new BatchCountryKey(s.brandId(), s.batchId(), country), k -> new long[3]);
                c[0]++;
                c[1] += j.history() != null && j.history().firstScan() ? 1 : 0;
                c[2] += verdict.isSuspect() ? 1 : 0;
                if (verdict.isSuspect()) {
                    suspectCodes.put(s.code(), s.brandId());
                }
            }
        }
        List<Object[]> hourRows = new ArrayList<>(byHour.size());
        byHour.forEach((k, n) -> hourRows.add(new Object[] {k.brandId(), k.batchId(), k.hour(), k.verdict(), n}));
        List<Object[]> dayRows = new ArrayList<>(byDay.size());
        byDay.forEach((k, n) -> dayRows.add(new Object[] {k.brandId(), k.day(), k.country(), k.verdict(), n}));
        List<Object[]> cellRows = new ArrayList<>(byCell.size());
        byCell.forEach((k, n) -> cellRows.add(new Object[] {k.brandId(), k.day(), k.cell(), n[0], n[1], n[2]}));
        List<Object[]> batchRows = new ArrayList<>(byBatchCountry.size());
        byBatchCountry.forEach((k, n) -> batchRows.add(new Object[] {k.brandId(), k.batchId(), k.country(), n[0], n[1], n[2]}));
        dsl.connection(connection -> {
            hours.add(connection, hourRows);
            days.add(connection, dayRows);
            cells.add(connection, cellRows);
            batchCountries.add(connection, batchRows);
        });
        // Once per code. Most suspect scans are of codes listed before. PostgreSQL skips those in its one INSERT ... ON
        // CONFLICT DO NOTHING; H2 would run that as a MERGE parsed anew for each group, so there each code is looked up
        // by its key first (one plain statement that H2 keeps prepared) and only the others are inserted. The writer
        // holds the codes' state row locks, so no other writer lists one of them in between.
        List<CodeRef> unlisted = suspectCodes.keySet().stream().sorted(CODE_ORDER)
                .filter(c -> postgres || dsl.fetchOptional(SUSPECT_CODE_LISTED, c.batchId(), c.index()).isEmpty()).toList();
        if (!unlisted.isEmpty()) {
            var insert = dsl.insertInto(SUSPECT_CODE, SUSPECT_CODE.BATCH_ID, SUSPECT_CODE.CODE_INDEX, SUSPECT_CODE.BRAND_ID,
                    SUSPECT_CODE.FIRST_AT);
            unlisted.forEach(c -> insert.values(c.batchId(), c.index(), suspectCodes.get(c), now));
            InsertIfAbsent.rows(insert);
        }
    }

    /**
     * Counts a place shared after a scan's verdict in its day's map cell, in the caller's transaction: a forged code's
     * towards the forgeries there, a genuine code's towards the scans (and the suspect ones).
     */
    public void addLocated(long brandId, OffsetDateTime scannedAt, Place place, boolean suspect, boolean forged) {
        LocalDate day = scannedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        dsl.connection(connection -> cells.add(connection, List.<Object[]>of(new Object[] {brandId, day, place.cell(), 1L,
                suspect ? 1L : 0L, forged ? 1L : 0L})));
    }

    /** A forged code claiming one of the brand's keys (an overrun of a batch's quantity is not a forgery). */
    private static boolean forged(ScanToRecord s, Verdict verdict) {
        return verdict == Verdict.NOT_GENUINE && s.notGenuineReason() != null
                && s.notGenuineReason() != NotGenuineReason.INDEX_OUT_OF_RANGE;
    }
}
