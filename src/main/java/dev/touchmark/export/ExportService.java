package dev.touchmark.export;

import dev.touchmark.alert.Alert;
import dev.touchmark.alert.AlertFilter;
import dev.touchmark.alert.AlertRepository;
import dev.touchmark.csv.CsvWriter;
import dev.touchmark.db.Cursors;
import dev.touchmark.domain.TimeWindow;
import dev.touchmark.i18n.Lang;
import dev.touchmark.label.ExportPermits;
import dev.touchmark.report.ReportFilter;
import dev.touchmark.report.ReportRepository;
import dev.touchmark.scan.LoggedScan;
import dev.touchmark.scan.ScanFilter;
import dev.touchmark.scan.ScanRepository;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A brand's alerts, shoppers' reports and scans as CSV files, row by row from a database cursor to the output, so an
 * export of millions of rows takes the memory of one buffer. The columns are the fields of the JSON lists, in their
 * order and under their names; shoppers' devices appear as pseudonyms, their network (kept only as a hash) not at all.
 *
 * <p>Each export closes its stream only when every row is out: one that fails leaves the stream open, so the caller can
 * break the download off rather than end it as a short file that looks whole.
 */
public final class ExportService {
    static final String[] ALERT_COLUMNS = {"id", "rule", "severity", "status", "summary", "subject", "batchId",
        "codeIndex", "country", "lat", "lon", "hits", "firstSeenAt", "lastSeenAt", "updatedAt", "statusChangedAt",
        "statusChangedBy", "statusComment"};
    static final String[] REPORT_COLUMNS = {"id", "scanId", "batchId", "codeIndex", "verdict", "place", "seller",
        "sellerKey", "comment", "country", "createdAt"};
    static final String[] SCAN_COLUMNS = {"id", "scannedAt", "verdict", "reason", "batchId", "codeIndex", "risk",
        "riskReasons", "country", "lat", "lon", "client", "device"};
    private final AlertRepository alerts;
    private final ReportRepository reports;
    private final ScanRepository scans;
    private final ExportPermits permits;
    private final DevicePseudonyms devices;
    private final Cursors.Limits limits;
    private final Clock clock;

    public ExportService(AlertRepository alerts, ReportRepository reports, ScanRepository scans, ExportPermits permits,
                         DevicePseudonyms devices, Cursors.Limits limits, Clock clock) {
        this.alerts = alerts;
        this.reports = reports;
        this.scans = scans;
        this.permits = permits;
        this.devices = devices;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * A permit to run one export for the brand, to be closed when it ends however it ends: each running export holds a
     * database connection, so only a few run at once.
     *
     * @throws ExportPermits.ExportsBusy if the brand or the installation runs as many as it may
     */
    public ExportPermits.Permit admit(long brandId) {
        return permits.acquire(brandId);
    }

    /** The alerts the filter keeps, newest first, their summaries in a language. */
    public void alerts(long brandId, AlertFilter filter, Lang lang, OutputStream out) {
        CsvWriter csv = start(out, ALERT_COLUMNS);
        alerts.forEach(brandId, filter, limits, a -> alert(csv, a, lang));
        csv.close();
    }

    private static void alert(CsvWriter csv, Alert a, Lang lang) {
        csv.number(a.id()).text(a.rule().id()).text(a.severity().id()).text(a.status().id()).text(a.summary(lang))
                .text(a.subject()).number(a.batchId()).number(a.codeIndex()).text(a.country()).decimal(tenths(a.latTenths()))
                .decimal(tenths(a.lonTenths())).number(a.hits()).time(a.firstSeenAt()).time(a.lastSeenAt())
                .time(a.updatedAt()).time(a.statusChangedAt()).text(a.statusChangedBy()).text(a.statusComment()).endRow();
    }

    /** The shoppers' reports the filter keeps, newest first. */
    public void reports(long brandId, ReportFilter filter, OutputStream out) {
        CsvWriter csv = start(out, REPORT_COLUMNS);
        reports.forEach(brandId, filter, limits, r -> csv.number(r.id()).text(r.scanId()).number(r.batchId())
                .number(r.codeIndex()).text(r.verdict()).text(r.place()).text(r.seller()).text(r.sellerKey())
                .text(r.comment()).text(r.country()).time(r.createdAt()).endRow());
        csv.close();
    }

    /** The scans the filter keeps, newest first; each device as its pseudonym for this brand. */
    public void scans(long brandId, ScanFilter filter, OutputStream out) {
        DevicePseudonyms.Pseudonymiser pseudonyms = devices.forBrand(brandId);
        CsvWriter csv = start(out, SCAN_COLUMNS);
        scans.forEach(brandId, filter, limits, s -> scan(csv, s, pseudonyms));
        csv.close();
    }

    private static void scan(CsvWriter csv, LoggedScan s, DevicePseudonyms.Pseudonymiser pseudonyms) {
        csv.number(s.id()).time(s.scannedAt()).text(s.verdict()).text(s.reason()).number(s.batchId()).number(s.codeIndex())
                .number(s.risk() == null ? null : s.risk().longValue()).text(s.riskReasons()).text(s.country())
                .decimal(tenths(s.latTenths())).decimal(tenths(s.lonTenths())).text(s.client())
                .text(pseudonyms.of(s.deviceId())).endRow();
    }

    /** The file name of an export: its kind and its days, or the day it was made when it has no end. */
    public String fileName(String kind, TimeWindow window) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String from = window.from() == null ? "" : window.from() + "_";
        LocalDate to = window.to() == null ? today : window.to();
        return "touchmark-" + kind + "-" + from + to + ".csv";
    }

    /** A writer with the header row sent at once, so the client sees the download start before the first rows. */
    private static CsvWriter start(OutputStream out, String[] columns) {
        CsvWriter csv = new CsvWriter(out);
        csv.row(columns);
        csv.flush();
        return csv;
    }

    private static Double tenths(Integer tenths) {
        return tenths == null ? null : tenths / 10.0;
    }
}
