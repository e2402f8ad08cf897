package dev.touchmark.alliance;

import dev.touchmark.db.JobLease;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the alliance's intelligence in the background, on one node at a time: each node tries every interval,
 * the one that takes the lease refreshes, and the lease lasts until the next interval so the others skip it.
 */
public final class IntelJob implements AutoCloseable {
    /** How often the intelligence is refreshed: a new match becomes an alert within this. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(IntelJob.class);
    private final IntelService intel;
    private final JobLease lease;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    private final ScheduledExecutorService scheduler;

    public IntelJob(IntelService intel, JobLease lease, Clock clock) {
        this.intel = intel;
        this.lease = lease;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "touchmark-alliance-intel");
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts trying every interval, the first time after one interval (start-up has enough to do). */
    public IntelJob start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Refreshes now if no node holds the lease; true when this node did. */
    public boolean runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Held a little less than an interval, so the node that took it can take it again next time.
        if (!lease.claim(holder, now, now.plus(EVERY).minusSeconds(5))) {
            return false;
        }
        int announced = intel.refresh();
        if (announced > 0) {
            LOG.info("Alliance intelligence refreshed: {} new matches", announced);
        }
        return true;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the alliance intelligence failed; it is tried again in {} s", EVERY.toSeconds(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
