package dev.touchmark.periodic;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that generates regular reports: every poll it asks the service to add the reports of
 * periods that just ended and to generate pending ones. Every node runs one; the database's unique period rows and
 * leases make sure each report is generated once per installation.
 */
public final class PeriodicReportScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReportScheduler.class);
    private final PeriodicReportService reports;
    private final Duration pollInterval;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread poller;
    private volatile boolean running = true;

    public PeriodicReportScheduler(PeriodicReportService reports, Duration pollInterval) {
        this.reports = reports;
        this.pollInterval = pollInterval;
        this.poller = new Thread(this::pollUntilClosed, "touchmark-report-scheduler");
        this.poller.setDaemon(true);
    }

    /** Starts polling. */
    public PeriodicReportScheduler start() {
        poller.start();
        return this;
    }

    /** Asks for a poll now rather than at the next tick. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                int generated = reports.runDue();
                if (generated > 0) {
                    LOG.info("Generated {} regular reports", generated);
                }
            } catch (RuntimeException e) {
                LOG.warn("Looking for regular reports to generate failed; trying again in {}", pollInterval, e);
            }
            try {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops polling; a report being generated finishes first (or its lease runs out and another node takes it). */
    @Override
    public void close() {
        running = false;
        wakeUp();
        try {
            poller.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
