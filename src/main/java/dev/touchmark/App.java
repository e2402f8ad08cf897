package dev.touchmark;

import dev.touchmark.access.AccessController;
import dev.touchmark.access.TwoFactorController;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.alert.AlertController;
import dev.touchmark.alert.WebhookAlertNotifier;
import dev.touchmark.mail.DigestWriter;
import dev.touchmark.mail.MailAlertNotifier;
import dev.touchmark.mail.MailController;
import dev.touchmark.mail.MailDispatcher;
import dev.touchmark.mail.MailRepository;
import dev.touchmark.mail.MailService;
import dev.touchmark.mail.MailTexts;
import dev.touchmark.mail.SmtpMailer;
import dev.touchmark.alert.AlertNotifier;
import dev.touchmark.alliance.AllianceController;
import dev.touchmark.alliance.AllianceRepository;
import dev.touchmark.alliance.IntelJob;
import dev.touchmark.alliance.IntelService;
import dev.touchmark.alliance.SharingRepository;
import dev.touchmark.alliance.SignalRepository;
import dev.touchmark.batch.BatchController;
import dev.touchmark.brand.BrandController;
import dev.touchmark.brand.BrandingController;
import dev.touchmark.config.ConfigException;
import dev.touchmark.config.DataFolder;
import dev.touchmark.config.PortInUseException;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.dashboard.DashboardController;
import dev.touchmark.dashboard.DashboardRepository;
import dev.touchmark.dashboard.DashboardService;
import dev.touchmark.db.Database;
import dev.touchmark.db.JobLease;
import dev.touchmark.http.AssetController;
import dev.touchmark.http.Drain;
import dev.touchmark.export.DevicePseudonyms;
import dev.touchmark.export.ExportController;
import dev.touchmark.export.ExportService;
import dev.touchmark.alert.AlertRepository;
import dev.touchmark.report.ReportRepository;
import dev.touchmark.db.Cursors;
import dev.touchmark.http.Json;
import dev.touchmark.http.ProblemErrorHandler;
import dev.touchmark.http.RateLimiter;
import dev.touchmark.http.SecurityHeaders;
import dev.touchmark.http.SignInGuard;
import dev.touchmark.http.SlowClientGuard;
import dev.touchmark.i18n.Texts;
import dev.touchmark.keys.KeyController;
import dev.touchmark.keys.MasterKey;
import dev.touchmark.label.ExportPermits;
import dev.touchmark.label.ExportScheduler;
import dev.touchmark.label.LabelController;
import dev.touchmark.label.RenderPool;
import dev.touchmark.metrics.HealthController;
import dev.touchmark.metrics.Metrics;
import dev.touchmark.metrics.MetricsController;
import dev.touchmark.periodic.PeriodicReportController;
import dev.touchmark.periodic.PeriodicReportScheduler;
import dev.touchmark.periodic.ReportSettings;
import dev.touchmark.product.ProductController;
import dev.touchmark.report.ReportController;
import dev.touchmark.scan.ScanJudge;
import dev.touchmark.shopper.LabelHostRepository;
import dev.touchmark.shopper.LabelHosts;
import dev.touchmark.shopper.ScanController;
import dev.touchmark.shopper.VerifyController;
import dev.touchmark.shopper.HomeController;
import dev.touchmark.shopper.VerifyPage;
import dev.touchmark.webhook.WebhookController;
import dev.touchmark.webhook.WebhookDispatcher;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: config -> database -> migrations -> services -> Javalin. */
public final class App implements AutoCloseable {
    /** Sign-in attempts per client network per minute, before per-account lockout even starts. */
    private static final int SIGN_INS_PER_MINUTE = 30;
    /** Largest request body accepted (Javalin answers 413 above it; {@link dev.touchmark.http.Json} too). */
    public static final long MAX_REQUEST_BYTES = 1_000_000L;
    /** Bodies above SlowClientGuard's read-ahead size read at once, outside the upload (which caps its own). */
    private static final int LARGE_BODIES_AT_ONCE = 16;
    /** Database connections: the scan writer, request threads reading, the change watcher, the alert feed, webhooks. */
    private static final int DATABASE_CONNECTIONS = 16;
    /**
     * Request threads: enough that requests waiting on the scan writer (each recorded verification holds one until
     * its group commits) leave threads for everything else; Jetty's minimum of 8 kept warm, idle ones go after 60 s.
     */
    private static final int REQUEST_THREADS = 250;
    private static final int REQUEST_THREADS_KEPT = 8;
    private static final int REQUEST_THREAD_IDLE_MILLIS = 60_000;
    /** Javalin copies every answer through a buffer of this size (Jetty's default is 32 KiB). */
    private static final int RESPONSE_BUFFER_BYTES = 2048;
    private final Services services;
    private final ScanServices scanServices;
    private final WebhookDispatcher webhooks;
    /** How long a shutdown waits for requests in flight before it stops the server anyway. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private final Metrics metrics;
    private final Drain drain;
    private final Javalin javalin;
    private final ExportScheduler exports;
    private final PeriodicReportScheduler periodicReports;
    private final IntelService intel;
    private final IntelJob intelJob;
    private final Optional<MailDispatcher> mail;

    private App(Services services, ScanServices scanServices, WebhookDispatcher webhooks, Metrics metrics, Drain drain,
                Javalin javalin, ExportScheduler exports, PeriodicReportScheduler periodicReports, IntelService intel,
                IntelJob intelJob, Optional<MailDispatcher> mail) {
        this.mail = mail;
        this.intel = intel;
        this.intelJob = intelJob;
        this.services = services;
        this.scanServices = scanServices;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.drain = drain;
        this.javalin = javalin;
        this.exports = exports;
        this.periodicReports = periodicReports;
    }

    /** Opens the database, wires everything and starts listening. */
    public static App start(TouchmarkConfig config, Clock clock) {
        return start(config, clock, UnaryOperator.identity());
    }

    /**
     * As above, with the scan writer's judge wrapped by {@code judging} (see ScanServices.start): only for the benchmark
     * that measures what the detection rules cost (scripts/bench-rules.sh); the server passes the identity.
     */
    public static App start(TouchmarkConfig config, Clock clock, UnaryOperator<ScanJudge> judging) {
        // The translations are read and checked (the same keys and arguments in every language) before anything runs.
        Texts.bundled();
        // Everything that can be checked without touching the data folder is checked first, so a start that fails on
        // a busy port or a malformed master key leaves the folder as it was (a key to generate is written only once
        // the database has shown it holds no keys sealed with another: Services.create).
        checkPortFree(config);
        MasterKey.load(config, new SecureRandom());
        checkDataDir(config);
        Database database = Database.serve(config, DATABASE_CONNECTIONS);
        Database.h2FileBase(config.dbUrl()).ifPresent(base -> dev.touchmark.config.DataFolder.ownerOnly(Database.h2DataFile(base)));
        checkDataFiles(config);
        Services services = null;
        try {
            services = Services.create(config, database, clock);
            recordPublicUrl(services, config);
            Json json = new Json();
            Metrics metrics = new Metrics();
            MailRepository mailRepository = new MailRepository(services.database().dsl());
            MailTexts mailTexts = new MailTexts(Texts.bundled(), config.publicUrl());
            AlertNotifier webhookNotifier = new WebhookAlertNotifier(services.webhookOutbox());
            // Without an SMTP server nothing is queued: a backlog sent the day one is configured would be stale.
            AlertNotifier notifier = config.mail().enabled()
                    ? AlertNotifier.all(webhookNotifier, new MailAlertNotifier(mailRepository, mailTexts, clock)) : webhookNotifier;
            ScanServices scanServices = ScanServices.start(config, services, clock, notifier, json.mapper(), metrics, judging);
            metrics.watch(scanServices.recorder());
            metrics.watchOutbox(services.webhooks()::countPending, clock);
            Database.h2FileBase(config.dbUrl()).ifPresent(base -> metrics.watchDatabaseFile(Database.h2DataFile(base)));
            WebhookDispatcher webhooks = services.webhooks().dispatcher(config.webhooks()).start();
            ExportScheduler exports = new ExportScheduler(new ExportPermits(config.exports().atOnce(), config.exports().perBrand()),
                    RenderPool.forServer(config.exports().renderThreads()));
            PeriodicReportScheduler periodicReports = new PeriodicReportScheduler(services.periodicReports(),
                    ReportSettings.from(System.getenv()).pollInterval()).start();
            var dsl = services.database().dsl();
            IntelService intel = new IntelService(new AllianceRepository(dsl), new SharingRepository(dsl),
                    new SignalRepository(dsl), scanServices.alerts()::allianceMatched, services.webhookOutbox(), clock);
            IntelJob intelJob = new IntelJob(intel, new JobLease(dsl, "alliance_intel"), clock).start();
            Optional<MailDispatcher> mail = config.mail().enabled()
                    ? Optional.of(new MailDispatcher(mailRepository,
                            new DigestWriter(mailRepository, scanServices.alerts(), mailTexts, config.mail().digestAt()),
                            new SmtpMailer(config.mail(), clock), config.mail(), clock).start())
                    : Optional.empty();
            try {
                Drain drain = new Drain(Routes.STREAMS);
                Javalin javalin = createServer(config, services, scanServices, json, clock, metrics, drain, exports, intel,
                        new MailService(mailRepository, config.mail().enabled(), clock));
                try {
                    javalin.start(config.host(), config.port());
                } catch (RuntimeException e) {
                    if (isBindFailure(e)) {
                        throw portInUse(config.port());
                    }
                    throw e;
                }
                return new App(services, scanServices, webhooks, metrics, drain, javalin, exports, periodicReports,
                        intel, intelJob, mail);
            } catch (RuntimeException e) {
                mail.ifPresent(MailDispatcher::close);
                intelJob.close();
                periodicReports.close();
                exports.close();
                webhooks.close();
                scanServices.close();
                throw e;
            }
        } catch (RuntimeException e) {
            if (services != null) {
                services.close();
            }
            database.close();
            throw e;
        }
    }

    private static Javalin createServer(TouchmarkConfig config, Services services, ScanServices scans, Json json,
                                        Clock clock, Metrics metrics, Drain drain, ExportScheduler exports,
                                        IntelService intel, MailService mail) {
        ScanSettings settings = config.scans();
        VerifyController verify = new VerifyController(scans.verification(), scans.reports(), scans.locations(), scans.facts(),
                new RateLimiter(settings.verifyPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter(settings.reportsPerHour(), Duration.ofHours(1)), json, config.publicUrl());
        // A foreign address is told at most once per scan, so it is limited like verifications.
        ScanController scanner = new ScanController(scans.facts(),
                new RateLimiter(settings.uploadsPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter(settings.verifyPerMinute(), Duration.ofMinutes(1)),
                new LabelHosts(new LabelHostRepository(services.database().dsl()), scans.catalog(), config.publicUrl(), clock),
                json, config.publicUrl());
        Routes.Controllers controllers = new Routes.Controllers(drain,
                new ApiAuth(services.apiKeys(), services.sessions()),
                new HealthController(services.database()),
                new BrandController(services.brands()),
                new KeyController(services.keys(), json),
                new ProductController(services.products(), json),
                new BatchController(services.batches(), json),
                new LabelController(services.batches(), exports),
                verify,
                new ReportController(scans.reports()),
                scanner,
                new AssetController(),
                new WebhookController(services.webhooks(), json),
                new AlertController(scans.alerts(), scans.rules(), scans.feed(), json),
                new AccessController(services.sessions(), services.users(), services.twoFactor(), services.apiKeys(),
                        new RateLimiter(SIGN_INS_PER_MINUTE, Duration.ofMinutes(1)), scans.facts()::ipHash,
                        new SignInGuard(config.publicUrl()), json),
                new DashboardController(new DashboardService(new DashboardRepository(services.database().dsl()), scans.alerts(),
                        scans.verification(), clock)),
                new MetricsController(metrics),
                new SecurityHeaders(config.publicUrl()),
                new AllianceController(services.alliances(), services.sharing(), intel, services.allianceReports(), json,
                        clock),
                new PeriodicReportController(services.periodicReports(), json),
                new MailController(mail, json),
                new HomeController(),
                new TwoFactorController(services.twoFactor(), json),
                new ExportController(csvExports(config, services, scans, clock)),
                new BrandingController(services.branding(), json));
        return Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.jsonMapper(new JavalinJackson(json.mapper(), false));
            javalinConfig.http.compressionStrategy = dev.touchmark.http.Compression.strategy();
            javalinConfig.http.maxRequestSize = MAX_REQUEST_BYTES;
            // Javalin copies every answer through a new buffer of this size (Jetty's 32 KiB by default): on the
            // verification path that was a third of all garbage. Answers are a few KiB; Jetty still buffers output.
            javalinConfig.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
            javalinConfig.http.prefer405over404 = true;
            javalinConfig.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler(json.mapper(), VerifyPage::renderError));
                // In front of every route: slow or stalled bodies must not hold request threads.
                server.insertHandler(new SlowClientGuard(Routes.LARGE_BODIES, MAX_REQUEST_BYTES, LARGE_BODIES_AT_ONCE));
            });
            javalinConfig.jetty.threadPool = requestThreads();
            Routes.register(javalinConfig.routes, controllers);
        });
    }

    /** CSV exports: as many at once as label exports (counted apart), each reading through its own cursor. */
    private static ExportService csvExports(TouchmarkConfig config, Services services, ScanServices scans, Clock clock) {
        var dsl = services.database().dsl();
        return new ExportService(new AlertRepository(dsl), new ReportRepository(dsl), scans.scans(),
                new ExportPermits("CSV export", config.exports().atOnce(), config.exports().perBrand()),
                new DevicePseudonyms(services.masterKey().derive("export-device")), Cursors.Limits.defaults(), clock);
    }

    /**
     * The same pool as Javalin's default (250 threads at most, 8 kept; with 16 threads, faster in the verification
     * benchmark, a fuzz run saw answers of concurrent asynchronous requests swapped, which must never happen), at
     * the lowest thread priority: under load dozens of request threads verify signatures at once, and every
     * recorded answer waits for the one scan writer (and the two threads that send its answers), which keep the
     * normal priority and so are not crowded out. Java thread priorities take effect on Linux only with
     * {@code -XX:ThreadPriorityPolicy=1} (docs/operations.md); without it this changes nothing.
     */
    private static QueuedThreadPool requestThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(REQUEST_THREADS, REQUEST_THREADS_KEPT, REQUEST_THREAD_IDLE_MILLIS);
        pool.setName("JettyServerThreadPool");
        pool.setThreadsPriority(Thread.MIN_PRIORITY);
        return pool;
    }

    /** Fails with a message saying what to do when another process listens on the configured port. */
    static void checkPortFree(TouchmarkConfig config) {
        if (config.port() == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new ConfigException("TOUCHMARK_HOST '" + config.host() + "' is not an address of this machine: set it to"
                    + " one, or to 0.0.0.0 for every address");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (BindException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                throw portInUse(config.port());
            }
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage()
                    + "): set TOUCHMARK_HOST to an address of this machine (0.0.0.0 for every address) and TOUCHMARK_PORT"
                    + " to a port this user may open");
        } catch (IOException e) {
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")");
        }
    }

    private static ConfigException portInUse(int port) {
        return new PortInUseException(port);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause instanceof io.javalin.util.JavalinBindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records the URL this server's labels point at as the installation's, so admin commands print for it too. A change
     * is logged: batches minted before keep the address they were minted for (docs/operations.md, moving to a new address).
     */
    private static void recordPublicUrl(Services services, TouchmarkConfig config) {
        services.installation().recordPublicUrl(config.publicUrl()).ifPresent(before -> LOG.warn(
                "The public URL changed from {} to {}: labels of new batches point at {}; batches minted before keep {} on"
                        + " their labels, reprints included (see 'Moving to a new address' in docs/operations.md)",
                before, config.publicUrl(), config.publicUrl(), before));
    }

    /**
     * The data folder must exist (it is created, owner-only, if it can be) and be writable: the embedded database, its
     * admin port and the generated master key live there. Says so plainly instead of failing deep inside the database
     * driver, and warns when other users can enter it.
     */
    static void checkDataDir(TouchmarkConfig config) {
        if (!config.dbUrl().startsWith("jdbc:h2:file:") && config.masterKeyBase64().isPresent()) {
            return;
        }
        dev.touchmark.config.DataFolder.prepare(config.dataDir()).ifPresent(LOG::warn);
    }

    /**
     * Warns when files in the data folder are open to other users. Runs once the database file is made owner-only, so
     * it names what the server does not fix itself: an error log or a master key an older version left, a copy put
     * there by hand.
     */
    static void checkDataFiles(TouchmarkConfig config) {
        if (!config.dbUrl().startsWith("jdbc:h2:file:") && config.masterKeyBase64().isPresent()) {
            return;
        }
        dev.touchmark.config.DataFolder.exposedFiles(config.dataDir()).ifPresent(LOG::warn);
    }

    /** The port the server listens on. */
    public int port() {
        return javalin.port();
    }

    /**
     * Every HTTP route the server answers, as "METHOD /path" the way Javalin registered it (filters left out), so a test
     * can hold the API description to the routes that really exist.
     */
    public java.util.List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.endpoint.method.isHttpMethod())
                .map(handler -> handler.endpoint.method.name() + " " + handler.endpoint.path)
                .toList();
    }

    /** The wired services. */
    public Services services() {
        return services;
    }

    /** The alliance intelligence (tests refresh it at once instead of waiting for the job). */
    public IntelService intel() {
        return intel;
    }

    /** The staff mail sender, when an SMTP server is configured (tests run it at once instead of waiting). */
    public Optional<MailDispatcher> mail() {
        return mail;
    }

    /** The scheduler of regular reports (tests wake it after moving their clock). */
    public PeriodicReportScheduler periodicReports() {
        return periodicReports;
    }

    /** The shopper-side services. */
    public ScanServices scanServices() {
        return scanServices;
    }

    /**
     * Stops taking requests (503 from then on) and waits up to 10 s for those in flight to be answered, stops the
     * server and the label renderers, lets webhook attempts in flight finish, lets the scan writer commit what it holds, then closes the
     * database.
     */
    @Override
    public void close() {
        if (!drain.drain(DRAIN_TIMEOUT)) {
            LOG.warn("Stopping with {} requests still unanswered after {} s", drain.inFlight(), DRAIN_TIMEOUT.toSeconds());
        }
        // Each step runs even if one before it failed: a step skipped would leave its threads running (a feed still
        // sending to streams Jetty had closed, or a scan writer whose scans never reach the file).
        step("the HTTP server", javalin::stop);
        step("label exports", exports::close);
        step("staff mail", () -> mail.ifPresent(MailDispatcher::close));
        step("the alliance intelligence", intelJob::close);
        step("regular reports", periodicReports::close);
        step("webhook delivery", webhooks::close);
        step("the scan writer and the alert feed", scanServices::close);
        step("the change watcher", services::close);
        step("the database", services.database()::close);
        step("the metrics", metrics::close);
    }

    private static void step(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.error("Could not stop {} cleanly; stopping the rest", what, e);
        }
    }
}
