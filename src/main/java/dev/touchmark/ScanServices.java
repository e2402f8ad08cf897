package dev.touchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.alert.AlertFeed;
import dev.touchmark.alert.AlertNotifier;
import dev.touchmark.alert.AlertRepository;
import dev.touchmark.alert.AlertService;
import dev.touchmark.alert.DetectionRepository;
import dev.touchmark.alert.Detector;
import dev.touchmark.alert.RuleBook;
import dev.touchmark.alert.RuleSettings;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.report.ReportRepository;
import dev.touchmark.report.ReportService;
import dev.touchmark.scan.DeviceIds;
import dev.touchmark.scan.IpHasher;
import dev.touchmark.scan.RetentionJob;
import dev.touchmark.scan.ScanCounts;
import dev.touchmark.scan.ScanJudge;
import dev.touchmark.scan.ScanLocations;
import dev.touchmark.db.Database;
import dev.touchmark.http.ClientAddress;
import dev.touchmark.scan.ScanRecorder;
import dev.touchmark.scan.ScanRepository;
import dev.touchmark.shopper.RequestFacts;
import dev.touchmark.verify.VerificationCatalog;
import dev.touchmark.verify.VerificationRepository;
import dev.touchmark.verify.VerificationService;
import dev.touchmark.verify.VerdictCounter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The shopper side, wired by hand: verification with its caches, the scan writer with detection, alerts, reports, retention. */
public record ScanServices(ScanRepository scans, ScanRecorder recorder, VerificationCatalog catalog,
                           VerificationService verification, ReportService reports, ScanLocations locations,
                           RequestFacts facts, RetentionJob retention, AlertService alerts, RuleBook rules,
                           AlertFeed feed) implements AutoCloseable {
    /** Scans waiting for the writer before verification answers 503: a few seconds of the heaviest load. */
    private static final int SCAN_QUEUE = 100_000;
    /** How often the live alert feed looks for changed alerts: the dashboard shows a new alert within this. */
    private static final Duration ALERT_FEED_POLL = Duration.ofMillis(200);


    /** Wires and starts the scan writer and the retention job. */
    public static ScanServices start(TouchmarkConfig config, Services services, Clock clock, AlertNotifier notifier,
                                     ObjectMapper json, VerdictCounter verdicts) {
        return start(config, services, clock, notifier, json, verdicts, UnaryOperator.identity());
    }

    /**
     * As above, with the scan writer judging through {@code judging} applied to the detector. The server always passes
     * the identity; scripts/bench-rules.sh passes a judge it can turn to {@link dev.touchmark.scan.ScanJudge#NONE}, so
     * the rules' cost is measured on the same writer, database and scan log in one run. A seam in code, not a setting:
     * no operator can turn detection off.
     */
    public static ScanServices start(TouchmarkConfig config, Services services, Clock clock, AlertNotifier notifier,
                                     ObjectMapper json, VerdictCounter verdicts, UnaryOperator<ScanJudge> judging) {
        ScanSettings settings = config.scans();
        var dsl = services.database().dsl();
        ScanRepository scans = new ScanRepository(dsl, services.database().isPostgres());
        AlertRepository alertRepository = new AlertRepository(dsl);
        DetectionRepository detection = new DetectionRepository(dsl);
        RuleBook rules = new RuleBook(detection, services.changes(), clock, RuleSettings.defaults(settings.suspectDevices()));
        Detector detector = new Detector(alertRepository, detection, rules, notifier, new ScanCounts(dsl), clock);
        // With sync writes, each group is forced onto the disk before it is answered (embedded H2; PostgreSQL's own
        // synchronous_commit does that at every commit).
        Database database = services.database();
        ScanRecorder recorder = new ScanRecorder(scans, judging.apply(detector), clock, SCAN_QUEUE,
                settings.syncWrites() ? database::syncToDisk : () -> { });
        VerificationCatalog catalog = new VerificationCatalog(new VerificationRepository(dsl), services.changes());
        VerificationService verification = new VerificationService(catalog, recorder, clock, verdicts);
        ReportService reports = new ReportService(new ReportRepository(dsl), scans, clock,
                (reportId, scanId, scan, place, seller, comment) -> detector.reported(reportId, scanId, scan.brandId(),
                        scan.batchId(), scan.codeIndex(), scan.country(), place, seller, comment));
        RequestFacts facts = new RequestFacts(settings,
                new ClientAddress(settings.clientIpHeader(), settings.trustedProxyHops()),
                new IpHasher(services.masterKey().derive("ip-hash")), new DeviceIds(new SecureRandom()), config.publicUrl().startsWith("https:"),
                services.sessions());
        RetentionJob retention = new RetentionJob(scans, clock, Duration.ofDays(settings.retentionDays())).start();
        AlertService alerts = new AlertService(alertRepository, dsl, notifier, clock);
        AlertFeed feed = new AlertFeed(alertRepository, detection, json, clock, ALERT_FEED_POLL);
        return new ScanServices(scans, recorder, catalog, verification, reports,
                new ScanLocations(scans, clock, detector::located), facts, retention, alerts, rules, feed);
    }

    /** Stops retention, then lets the writer commit what is queued. */
    @Override
    public void close() {
        retention.close();
        feed.close();
        recorder.close();
    }
}
