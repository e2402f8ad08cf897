package dev.touchmark.periodic;

import dev.touchmark.jobs.Poller;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates regular reports in the background: every poll it asks the service to add the reports of periods that just
 * ended and to generate pending ones. Every node runs one; the database's unique period rows and leases make sure each
 * report is generated once per installation.
 */
public final class PeriodicReportScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReportScheduler.class);
    /** A report being generated finishes before the node stops (or its lease runs out and another node takes it). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private final Poller poller;

    public PeriodicReportScheduler(PeriodicReportService reports, Duration pollInterval) {
        this.poller = new Poller("report scheduler", () -> {
            int generated = reports.runDue();
            if (generated > 0) {
                LOG.info("Generated {} regular reports", generated);
            }
        }, pollInterval, STOP_WAIT, false);
    }

    /** Starts polling. */
    public PeriodicReportScheduler start() {
        poller.start();
        return this;
    }

    /** Asks for a poll now rather than at the next tick. */
    public void wakeUp() {
        poller.wakeUp();
    }

    @Override
    public void close() {
        poller.close();
    }
}
