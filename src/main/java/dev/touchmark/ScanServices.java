package dev.touchmark;

import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.report.ReportRepository;
import dev.touchmark.report.ReportService;
import dev.touchmark.scan.DeviceIds;
import dev.touchmark.scan.IpHasher;
import dev.touchmark.scan.RetentionJob;
import dev.touchmark.scan.ScanLocations;
import dev.touchmark.scan.ScanRecorder;
import dev.touchmark.scan.ScanRepository;
import dev.touchmark.verify.RequestFacts;
import dev.touchmark.verify.VerificationCatalog;
import dev.touchmark.verify.VerificationRepository;
import dev.touchmark.verify.VerificationService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The shopper side, wired by hand: verification with its caches, the scan writer, reports, retention. */
public record ScanServices(ScanRepository scans, ScanRecorder recorder, VerificationCatalog catalog,
                           VerificationService verification, ReportService reports, ScanLocations locations,
                           RequestFacts facts, RetentionJob retention) implements AutoCloseable {

    /** Wires and starts the scan writer and the retention job. */
    public static ScanServices start(TouchmarkConfig config, Services services, Clock clock) {
        ScanSettings settings = config.scans();
        var dsl = services.database().dsl();
        ScanRepository scans = new ScanRepository(dsl, services.database().isPostgres());
        ScanRecorder recorder = new ScanRecorder(scans, clock, 100_000);
        VerificationCatalog catalog = new VerificationCatalog(new VerificationRepository(dsl), services.changes(), clock);
        VerificationService verification = new VerificationService(catalog, recorder, clock, settings.suspectDevices());
        ReportService reports = new ReportService(new ReportRepository(dsl), scans, clock);
        RequestFacts facts = new RequestFacts(settings, new IpHasher(services.masterKey().derive("ip-hash")),
                new DeviceIds(new SecureRandom()), config.publicUrl().startsWith("https:"));
        RetentionJob retention = new RetentionJob(scans, clock, Duration.ofDays(settings.retentionDays())).start();
        return new ScanServices(scans, recorder, catalog, verification, reports, new ScanLocations(scans, clock), facts,
                retention);
    }

    /** Stops retention, then lets the writer commit what is queued. */
    @Override
    public void close() {
        retention.close();
        recorder.close();
    }
}
