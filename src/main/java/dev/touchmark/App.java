package dev.touchmark;

import dev.touchmark.alert.AlertController;
import dev.touchmark.alert.AlertNotifier;
import dev.touchmark.batch.BatchController;
import dev.touchmark.brand.BrandController;
import dev.touchmark.config.ScanSettings;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.http.ApiAuth;
import dev.touchmark.http.AssetController;
import dev.touchmark.http.HealthController;
import dev.touchmark.http.Json;
import dev.touchmark.http.RateLimiter;
import dev.touchmark.http.Routes;
import dev.touchmark.keys.KeyController;
import dev.touchmark.label.LabelController;
import dev.touchmark.product.ProductController;
import dev.touchmark.report.ReportController;
import dev.touchmark.verify.ScanController;
import dev.touchmark.verify.VerifyController;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Composition root: config -> database -> migrations -> services -> Javalin. */
public final class App implements AutoCloseable {
    private final Services services;
    private final ScanServices scanServices;
    private final Javalin javalin;

    private App(Services services, ScanServices scanServices, Javalin javalin) {
        this.services = services;
        this.scanServices = scanServices;
        this.javalin = javalin;
    }

    /** Opens the database, wires everything and starts listening. */
    public static App start(TouchmarkConfig config, Clock clock) {
        Database database = Database.open(config, 16);
        try {
            Services services = Services.create(config, database, clock);
            Json json = new Json();
            ScanServices scanServices = ScanServices.start(config, services, clock, AlertNotifier.NONE, json.mapper());
            try {
                Javalin javalin = createServer(config, services, scanServices, json);
                javalin.start(config.host(), config.port());
                return new App(services, scanServices, javalin);
            } catch (RuntimeException e) {
                scanServices.close();
                throw e;
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Javalin createServer(TouchmarkConfig config, Services services, ScanServices scans, Json json) {
        ScanSettings settings = config.scans();
        VerifyController verify = new VerifyController(scans.verification(), scans.reports(), scans.locations(), scans.facts(),
                new RateLimiter(settings.verifyPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter(settings.reportsPerHour(), Duration.ofHours(1)), json, config.publicUrl());
        ScanController scanner = new ScanController(scans.facts(),
                new RateLimiter(settings.uploadsPerMinute(), Duration.ofMinutes(1)), config.publicUrl());
        Routes.Controllers controllers = new Routes.Controllers(
                new ApiAuth(services.apiKeys()),
                new HealthController(services.database()),
                new BrandController(services.brands()),
                new KeyController(services.keys(), json),
                new ProductController(services.products(), json),
                new BatchController(services.batches(), json),
                new LabelController(services.batches()),
                verify,
                new ReportController(scans.reports()),
                scanner,
                new AssetController(),
                new AlertController(scans.alerts(), scans.rules(), scans.feed(), json));
        return Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.jsonMapper(new JavalinJackson(json.mapper(), false));
            javalinConfig.http.compressionStrategy = CompressionStrategy.NONE;
            javalinConfig.http.maxRequestSize = 1_000_000L;
            javalinConfig.http.prefer405over404 = true;
            QueuedThreadPool threads = new QueuedThreadPool(config.httpThreads(), Math.min(config.httpThreads(), 8));
            threads.setName("touchmark-http");
            javalinConfig.jetty.threadPool = threads;
            Routes.register(javalinConfig.routes, controllers);
        });
    }

    /** The port the server listens on. */
    public int port() {
        return javalin.port();
    }

    /** The wired services. */
    public Services services() {
        return services;
    }

    /** The shopper-side services. */
    public ScanServices scanServices() {
        return scanServices;
    }

    /** Stops taking requests, lets the scan writer commit what it holds, then closes the database. */
    @Override
    public void close() {
        javalin.stop();
        scanServices.close();
        services.database().close();
    }
}
