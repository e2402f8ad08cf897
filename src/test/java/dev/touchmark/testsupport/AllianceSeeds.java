package dev.touchmark.testsupport;

import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.LABEL_HOST_SIGHTING;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;
import static dev.touchmark.db.jooq.Tables.SHOPPER_REPORT;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * A brand's shareable signals as the scan writer, detection, the report form and the scanner page leave them, written
 * straight into their tables, for tests of the alliance's intelligence (the writing itself has tests of its own).
 */
public final class AllianceSeeds {
    private final DSLContext dsl;

    public AllianceSeeds(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A hotspot: suspect scans in the cell's rollup and the hotspot alert detection raised (a new rollup row). */
    public void hotspot(long brandId, String cell, long suspect, LocalDate day) {
        OffsetDateTime at = day.atTime(12, 0).atOffset(ZoneOffset.UTC);
        cellDay(brandId, cell, day, suspect * 2, suspect, 0);
        dsl.insertInto(ALERT).set(ALERT.BRAND_ID, brandId).set(ALERT.RULE, "hotspot")
                .set(ALERT.SUBJECT, "cell:" + cell).set(ALERT.OPEN_SUBJECT, "cell:" + cell).set(ALERT.SEVERITY, "high")
                .set(ALERT.STATUS, "open").set(ALERT.SUMMARY, "hotspot").set(ALERT.HITS, suspect)
                .set(ALERT.FIRST_SEEN_AT, at).set(ALERT.LAST_SEEN_AT, at).set(ALERT.UPDATED_AT, at).execute();
    }

    /** Forged codes scanned in a cell on a day (a new rollup row). */
    public void forged(long brandId, String cell, long forged, LocalDate day) {
        cellDay(brandId, cell, day, forged, 0, forged);
    }

    /** A shopper's report naming a seller (its key as SellerName normalised it), from one phone, with private words. */
    public void sellerReport(long brandId, String sellerKey, String device, OffsetDateTime at) {
        dsl.insertInto(SHOPPER_REPORT).set(SHOPPER_REPORT.BRAND_ID, brandId).set(SHOPPER_REPORT.SELLER, sellerKey)
                .set(SHOPPER_REPORT.SELLER_KEY, sellerKey).set(SHOPPER_REPORT.COMMENT, "private words of " + device)
                .set(SHOPPER_REPORT.DEVICE_ID, device).set(SHOPPER_REPORT.CREATED_AT, at).execute();
    }

    /** A label pointing at a host, read by the scanner page from one network. */
    public void labelRead(long brandId, String host, String ipHash, OffsetDateTime at) {
        dsl.insertInto(LABEL_HOST_SIGHTING).set(LABEL_HOST_SIGHTING.BRAND_ID, brandId)
                .set(LABEL_HOST_SIGHTING.HOST, host).set(LABEL_HOST_SIGHTING.SEEN_AT, at)
                .set(LABEL_HOST_SIGHTING.SOURCE, "scanner").set(LABEL_HOST_SIGHTING.IP_HASH, ipHash).execute();
    }

    private void cellDay(long brandId, String cell, LocalDate day, long scans, long suspect, long forged) {
        dsl.insertInto(SCAN_CELL_DAY).set(SCAN_CELL_DAY.BRAND_ID, brandId).set(SCAN_CELL_DAY.SCAN_DATE, day)
                .set(SCAN_CELL_DAY.CELL, cell).set(SCAN_CELL_DAY.SCANS, scans).set(SCAN_CELL_DAY.SUSPECT, suspect)
                .set(SCAN_CELL_DAY.FORGED, forged).execute();
    }
}
