package dev.touchmark.metrics;

import dev.touchmark.scan.ScanRecorder;
import dev.touchmark.domain.Verdict;
import dev.touchmark.verify.VerdictCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus registry: verdicts, the scan log's commits, the webhook outbox backlog and the JVM.
 * One instance per {@code App}; nothing static.
 */
public final class Metrics implements VerdictCounter, AutoCloseable {
    /** The outbox backlog is a database count: read it at most this often, however often Prometheus scrapes. */
    static final Duration BACKLOG_MAX_AGE = Duration.ofSeconds(5);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("touchmark.verifications").tag("verdict", verdict.id())
                    .description("Verifications answered, by verdict").register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void count(Verdict verdict) {
        verdicts.get(verdict).increment();
    }

    /** Exposes the scan writer's totals: commits with the time they took, scans committed, queued, retried, failed. */
    public void watch(ScanRecorder recorder) {
        FunctionTimer.builder("touchmark.scan.log.commit", recorder, r -> r.stats().commits(),
                        r -> r.stats().commitNanos(), TimeUnit.NANOSECONDS)
                .description("Scan-log group commits and the time spent in them").register(registry);
        FunctionCounter.builder("touchmark.scan.log.scans", recorder, r -> r.stats().scans())
                .description("Scans committed to the scan log").register(registry);
        Gauge.builder("touchmark.scan.log.queued", recorder, r -> r.stats().queued())
                .description("Scans waiting for the scan writer").register(registry);
        FunctionCounter.builder("touchmark.scan.log.retries", recorder, r -> r.stats().retries())
                .description("Scan-log transactions tried again after a deadlock, serialization failure or key collision")
                .register(registry);
        FunctionCounter.builder("touchmark.scan.log.failed", recorder, r -> r.stats().failed())
                .description("Scans that could not be recorded (answered 503)").register(registry);
    }

    /** Exposes the webhook outbox backlog, counted by {@code pending} at most every few seconds. */
    public void watchOutbox(IntSupplier pending, Clock clock) {
        CachedCount backlog = new CachedCount(pending, clock, BACKLOG_MAX_AGE);
        // Micrometer holds gauge state weakly; nothing else holds this one.
        Gauge.builder("touchmark.webhook.deliveries.pending", backlog, CachedCount::get).strongReference(true)
                .description("Webhook deliveries waiting to be sent or retried").register(registry);
    }

    /**
     * Exposes the size of the embedded H2 database file (read from the file system at each scrape), so that operators
     * can watch the disk it needs; see "The database file" in docs/operations.md.
     */
    public void watchDatabaseFile(Path file) {
        Gauge.builder("touchmark.database.file", file, Metrics::sizeOrZero).strongReference(true).baseUnit("bytes")
                .description("Size of the embedded H2 database file").register(registry);
    }

    private static double sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
