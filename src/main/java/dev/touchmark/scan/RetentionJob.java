package dev.touchmark.scan;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes scan events older than the retention period, hourly, in bounded chunks; on PostgreSQL first drops the scan
 * log's partitions that are entirely older and creates the coming months' (ScanLogPartitions).
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final int CHUNK = 10_000;
    private final ScanRepository scans;
    private final ScanLogPartitions partitions;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;

    public RetentionJob(ScanRepository scans, Clock clock, Duration retention) {
        this.scans = scans;
        this.partitions = new ScanLogPartitions(scans.dsl(), clock);
        this.clock = clock;
        this.retention = retention;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "touchmark-retention");
            // Bulk deletes can wait; the scan writer, which every verification waits for, should not.
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Set by close: a long run stops between chunks (the rest goes on the next start). */
    private volatile boolean stopping;

    /** Runs now (which also creates the coming months' partitions at start-up), then every hour. */
    public RetentionJob start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, 0, 1, TimeUnit.HOURS);
        return this;
    }

    /** Deletes everything past retention; returns how many scan events went row by row (not in dropped partitions). */
    public long runOnce() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(retention);
        long firstKept = ScanIds.firstIdAt(cutoff.toInstant().toEpochMilli());
        partitions.maintain(firstKept);
        long total = 0;
        int deleted;
        do {
            deleted = scans.deleteIdsBelow(firstKept, CHUNK);
            total += deleted;
        } while (deleted == CHUNK && !stopping);
        return total;
    }

    private void runSafely() {
        try {
            long deleted = runOnce();
            if (deleted > 0) {
                LOG.info("Deleted {} scan events older than {} days", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("Scan retention run failed; it will be retried in an hour", e);
        }
    }

    @Override
    public void close() {
        // No interrupt while a run may be inside a database call (H2 closes its file on an interrupted read):
        // the run in progress stops after its current chunk, before the database closes after this.
        stopping = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
