package dev.touchmark.scan;

import dev.touchmark.db.SqlFailures;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log's writer, with group commit: scans queue up, one thread takes up to a few hundred at a time and
 * records them in one transaction, and only then completes their futures, so no answer leaves before its scan is
 * committed. The transaction decides every scan's verdict from its code's state as the database holds it: it locks
 * the codes' state rows in key order (creating those of first scans), so writers on several nodes sharing one
 * database take turns per code and see each other's scans, and cannot deadlock on them. The database owns
 * durability: a group is answered once its commit returns (on embedded H2 with WRITE_DELAY=0 that commit has written
 * the file; with sync writes the writer also forces it to the disk).
 *
 * <p>A deadlock, a serialization failure or a key collision with a concurrent writer is retried with fresh scan
 * ids and re-read states. A scan that still cannot be recorded fails alone: the group is split until the scans that
 * fail are found, and the others are recorded and answered. When the database itself is unavailable (down, closed,
 * read-only, out of connections), the group is answered at once with an error that tells shoppers to try again.
 */
public final class ScanRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRecorder.class);
    private static final int MAX_GROUP = 500;
    private static final long GATHER_NANOS = 1_000_000L;
    private static final int GATHER_FROM = 8;
    /** Attempts of one group's transaction when it meets a deadlock, serialization failure or key collision. */
    private static final int ATTEMPTS = 6;
    /**
     * How long a scan may be held for others to share its commit, once scans come that often (see GroupWindow). At
     * 6,000 scans a second on a 2-core machine, 250 µs made groups of 4 instead of 2, took 5% off the CPU per scan and
     * a fifth off the p99 (docs/benchmarks.md); 500 µs did no better and added 0.3 ms to the median.
     */
    private static final long HOLD_NANOS = 250_000L;
    /** The size from which a group's answers are sent by both answer threads. */
    private static final int SPLIT_ANSWERS_FROM = 16;
    private final ScanRepository repository;
    private final ScanJudge judge;
    private final Clock clock;
    private final ScanIds ids;
    private final GroupWrite groupWrite;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread writer;
    private final ExecutorService completer = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "touchmark-scan-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedScans = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedScans = new AtomicLong();
    private final Runnable afterCommit;
    private volatile boolean closing;
    private long lastCommitNanos = GATHER_NANOS;
    /** When groups are committed (writer thread only). */
    private final GroupWindow window = new GroupWindow(HOLD_NANOS, GATHER_NANOS, GATHER_FROM);

    /**
     * Totals since start, for metrics: commits, scans committed, time spent committing, scans waiting, transactions
     * retried, and scans that could not be recorded.
     */
    public record Stats(long commits, long scans, long commitNanos, int queued, long retries, long failed) {
    }

    private record Pending(ScanToRecord scan, CompletableFuture<RecordedScan> result, long queuedAt) {
    }

    /** A writer whose commits are durable when they return. */
    public ScanRecorder(ScanRepository repository, ScanJudge judge, Clock clock, int queueCapacity) {
        this(repository, judge, clock, queueCapacity, () -> { });
    }

    /**
     * A writer that runs {@code afterCommit} (on embedded H2 with sync writes: force the file to the disk) after each
     * commit and before its scans are answered; if it fails, they are answered with an error.
     */
    public ScanRecorder(ScanRepository repository, ScanJudge judge, Clock clock, int queueCapacity, Runnable afterCommit) {
        this.repository = repository;
        this.judge = judge;
        this.clock = clock;
        this.ids = new ScanIds(clock, new SecureRandom());
        this.groupWrite = new GroupWrite(repository, judge, ids);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.afterCommit = afterCommit;
        this.writer = new Thread(this::run, "touchmark-scan-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues a scan; the future completes once it is committed, or fails if it could not be. */
    public CompletableFuture<RecordedScan> record(ScanToRecord scan) {
        CompletableFuture<RecordedScan> result = new CompletableFuture<>();
        if (closing || !queue.offer(new Pending(scan, result, System.nanoTime()))) {
            result.completeExceptionally(new ScanLogUnavailableException(closing ? "the server is shutting down"
                    : "too many scans are waiting to be recorded"));
        }
        return result;
    }

    /** Totals since start. */
    public Stats stats() {
        return new Stats(commits.get(), committedScans.get(), commitNanos.get(), queue.size(), retries.get(), failedScans.get());
    }

    /** Counts a scan of something that is not a code (or names no known key): not stored one by one. */
    public void countUnreadable() {
        unreadable.incrementAndGet();
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    gather(group);
                }
                if (!group.isEmpty() || unreadable.get() > 0) {
                    commitGroup(group);
                }
            } catch (InterruptedException e) {
                // Only a wait for scans is interrupted, never a commit: nothing in hand is recorded, so every
                // waiting request gets its error answer now (H2 must not be written from an interrupted thread).
                closing = true;
                queue.drainTo(group);
                group.forEach(p -> p.result().completeExceptionally(new ScanLogUnavailableException("the scan log stopped")));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Could not record {} scans; their requests are answered with an error", group.size(), e);
                fail(group);
            }
            group.clear();
        }
        if (unreadable.get() > 0) {
            try {
                attempt(List.of(), unreadable.getAndSet(0));
            } catch (RuntimeException e) {
                LOG.warn("Could not store the count of unreadable scans at shutdown", e);
            }
        }
    }

    /**
     * Keeps the group open for more scans as long as {@link GroupWindow} says: a commit has a fixed cost, so once
     * scans come often, or arrive many at a time, it pays to let a few share one commit.
     */
    private void gather(List<Pending> group) throws InterruptedException {
        int counted = arrived(group, 0);
        queue.drainTo(group, MAX_GROUP - group.size());
        counted = arrived(group, counted);
        long deadline = window.deadline(System.nanoTime(), group.get(0).queuedAt(), group.size(), lastCommitNanos);
        // Sleeps through the window instead of waiting on the queue, which would wake this thread (and cost the
        // request thread that queued a scan a system call) for every scan that arrives meanwhile.
        for (long left = deadline - System.nanoTime(); left > 0 && group.size() < MAX_GROUP; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        queue.drainTo(group, MAX_GROUP - group.size());
        arrived(group, counted);
    }

    /** Tells the window when the group's scans from {@code from} on were queued; returns the group's size. */
    private int arrived(List<Pending> group, int from) {
        for (int i = from; i < group.size(); i++) {
            window.arrived(group.get(i).queuedAt());
        }
        return group.size();
    }

    /**
     * Records a group and answers its scans. If it cannot be recorded as a whole, the database being unavailable fails
     * every scan of it; anything else fails only the scans that cannot be recorded on their own.
     */
    private void commitGroup(List<Pending> group) {
        long unreadableNow = unreadable.getAndSet(0);
        try {
            answer(group, attempt(group, unreadableNow));
        } catch (RuntimeException e) {
            unreadable.addAndGet(unreadableNow); // counted with the next group that commits
            if (group.isEmpty()) {
                LOG.warn("Could not store the count of unreadable scans; it is kept for the next group ({})", SqlFailures.describe(e));
            } else {
                isolate(group, e);
            }
        }
    }

    /**
     * Splits a group that failed in halves, recording each, until the scans that fail on their own are found. If the
     * database itself is unavailable, there is nothing to find: the whole part fails at once.
     */
    private void isolate(List<Pending> group, RuntimeException cause) {
        if (SqlFailures.unavailable(cause) || !repository.answers()) {
            // Expected while the database restarts, or when the JVM's shutdown closed embedded H2 under queued scans.
            LOG.warn("The database is unavailable; {} scans are answered with an error, and can be sent again ({})",
                    group.size(), SqlFailures.describe(cause));
            fail(group);
            return;
        }
        if (group.size() == 1) {
            ScanToRecord scan = group.get(0).scan();
            LOG.error("Could not record a scan of brand {} (batch {}, code {}); it is answered with an error, and the scans"
                    + " recorded with it are not affected", scan.brandId(), scan.batchId(), scan.codeIndex(), cause);
            fail(group);
            return;
        }
        int half = group.size() / 2;
        for (List<Pending> part : List.of(group.subList(0, half), group.subList(half, group.size()))) {
            try {
                answer(part, attempt(part, 0));
            } catch (RuntimeException e) {
                isolate(part, e);
            }
        }
    }

    /**
     * Records scans (and a count of unreadable ones) in one transaction, and makes it durable; a deadlock,
     * serialization failure or key collision is retried with fresh ids and re-read states.
     */
    private List<RecordedScan> attempt(List<Pending> group, long unreadableNow) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            try {
                List<ScanToRecord> scans = group.stream().map(Pending::scan).toList();
                List<RecordedScan> recorded = repository.dsl().transactionResult(() -> groupWrite.write(scans, unreadableNow, now));
                afterCommit.run();
                lastCommitNanos = System.nanoTime() - started;
                commitNanos.addAndGet(lastCommitNanos);
                commits.incrementAndGet();
                committedScans.addAndGet(group.size());
                return recorded;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !SqlFailures.retryable(e)) {
                    throw e;
                }
                retries.incrementAndGet();
                if (SqlFailures.duplicateKey(e)) {
                    ids.renewNode(); // another node may have drawn the same node number for its scan ids
                }
                LOG.debug("Retrying a group of {} scans after: {}", group.size(), SqlFailures.describe(e));
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000L, 2_000_000L << Math.min(attempt, 4)));
            }
        }
    }

    /** Completes the futures of a committed group on the answer threads. */
    private void answer(List<Pending> group, List<RecordedScan> recorded) {
        // Answers are rendered by whoever completes the future: hand that work to other threads so the
        // writer goes straight back to the next group; a large group's to both (a small group's half would cost
        // the other thread a wake-up for a few answers).
        List<Pending> done = List.copyOf(group);
        int half = done.size() < SPLIT_ANSWERS_FROM ? done.size() : (done.size() + 1) / 2;
        completer.execute(() -> complete(done, recorded, 0, half));
        if (half < done.size()) {
            completer.execute(() -> complete(done, recorded, half, done.size()));
        }
    }

    private void fail(List<Pending> group) {
        failedScans.addAndGet(group.size());
        ids.renewNode();
        group.forEach(p -> p.result().completeExceptionally(new ScanLogUnavailableException("the scan log is unavailable")));
    }

    private static void complete(List<Pending> done, List<RecordedScan> recorded, int from, int to) {
        for (int i = from; i < to; i++) {
            done.get(i).result().complete(recorded.get(i));
        }
    }

    /** Stops taking scans and waits for the queued ones to be committed and answered. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
            completer.shutdown();
            completer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The scan could not be recorded, so it gets no verdict. */
    public static final class ScanLogUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ScanLogUnavailableException(String message) {
            super(message);
        }
    }
}
