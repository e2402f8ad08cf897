package dev.touchmark.scan;

import dev.touchmark.scan.ScanRepository.CodeKey;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.security.SecureRandom;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log's single writer, with group commit: scans queue up, one thread takes up to a few hundred
 * at a time, decides their verdicts in order against the code state, writes them all in one transaction,
 * and only then completes their futures. So no answer leaves before its scan is durably recorded, and
 * the code state has exactly one writer per process.
 *
 * <p>On PostgreSQL the commit makes a group durable. On embedded H2, whose commits cost a write of every
 * changed page, a group is durable once its frame is in the {@link ScanJournal}, appended inside the group's
 * transaction; H2 writes its file only at checkpoints, which another thread takes every half second between
 * two groups (H2 could otherwise keep part of a group after a crash), letting the journal drop what the file
 * has; at start the groups the file lacks are applied again from the journal. There, too, this server is the only
 * writer of its file, so the writer keeps the committed states of recently scanned codes in memory and reads from
 * the tables only the codes it has not seen since it started.
 */
public final class ScanRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRecorder.class);
    private static final int MAX_GROUP = 500;
    private static final long GATHER_NANOS = 1_000_000L;
    private static final int GATHER_FROM = 8;
    /**
     * How long a scan may be held for others to share its commit, once scans come that often (see GroupWindow). At
     * the 6,000 scans a second on a 2-core machine, 250 µs made groups of 4 instead of 2, took 5% off the CPU
     * per scan and a fifth off the p99 (docs/benchmarks.md); 500 µs did no better and added 0.3 ms to the median.
     */
    private static final long HOLD_NANOS = 250_000L;
    /** The size from which a group's answers are sent by both answer threads. */
    private static final int SPLIT_ANSWERS_FROM = 16;
    private final ScanRepository repository;
    private final ScanJudge judge;
    private final Clock clock;
    private final ScanIds ids;
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
    private final Journaling journaling;
    private final ScheduledExecutorService checkpointer;
    private volatile boolean closing;
    private long lastCommitNanos = GATHER_NANOS;
    /** When groups are committed (writer thread only). */
    private final GroupWindow window = new GroupWindow(HOLD_NANOS, GATHER_NANOS, GATHER_FROM);
    /** The journal sequence number the next group gets (writer thread only). */
    private long nextSeq;
    /** The last group committed to the tables (and in the journal), and the last one a checkpoint wrote to the file. */
    private volatile long committedSeq;
    private long checkpointedSeq;
    /** The code states groups work on (writer thread only); on embedded H2 kept in memory once committed. */
    private final CodeStates codeStates;

    /** Totals since start, for metrics: commits, scans committed, and time spent committing. */
    public record Stats(long commits, long scans, long commitNanos, int queued) {
    }

    /**
     * A scan in hand; id and assessed are set (not 0 and null) for a scan applied again from the journal, whose
     * outcome its scan's decide function returns as it was.
     */
    private record Pending(ScanToRecord scan, CompletableFuture<RecordedScan> result, long id, Assessment assessed,
                           long queuedAt) {
    }

    /**
     * How groups are made durable on embedded H2: the journal, the database's checkpoint (writes what is committed
     * to its file), the step of compaction taken after each checkpoint (keeps the file from growing without end), the
     * gate that keeps checkpoints out of a group's transaction, how a thread is exempted from (and returned to) the
     * checkpoint that follows every other commit, and how often to checkpoint.
     */
    public record Journaling(ScanJournal journal, Runnable checkpoint, Runnable compact, Lock gate, Consumer<Thread> exempt,
                             Consumer<Thread> endExemption, Duration checkpointEvery) {
    }

    /** A writer whose commits are durable (PostgreSQL, in-memory H2 for tests). */
    public ScanRecorder(ScanRepository repository, ScanJudge judge, Clock clock, int queueCapacity) {
        this(repository, judge, clock, queueCapacity, null);
    }

    /**
     * A writer that, given a journal, first applies the groups the database file lacks (before this returns, so
     * nothing is answered from a scan log missing them), then journals every group.
     */
    public ScanRecorder(ScanRepository repository, ScanJudge judge, Clock clock, int queueCapacity, Journaling journaling) {
        this.repository = repository;
        this.judge = judge;
        this.clock = clock;
        this.ids = new ScanIds(clock, new SecureRandom());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.journaling = journaling;
        this.writer = new Thread(this::run, "touchmark-scan-writer");
        this.writer.setDaemon(true);
        this.codeStates = journaling == null ? CodeStates.readEveryTime(repository)
                : CodeStates.keptInMemory(repository, CodeStates.KEPT_CODES);
        if (journaling != null) {
            nextSeq = recover();
            committedSeq = nextSeq - 1;
            checkpointedSeq = committedSeq;
            journaling.exempt().accept(writer);
            checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "touchmark-scan-checkpoint");
                thread.setDaemon(true);
                return thread;
            });
            long every = journaling.checkpointEvery().toMillis();
            checkpointer.scheduleWithFixedDelay(this::checkpoint, every, every, TimeUnit.MILLISECONDS);
        } else {
            checkpointer = null;
        }
        this.writer.start();
    }

    /**
     * Applies, in order, the journal's groups with sequence numbers above the one stored with the last group in
     * the tables, checkpoints, and starts the journal afresh. Returns the next sequence number.
     */
    private long recover() {
        ScanJournal journal = journaling.journal();
        Thread self = Thread.currentThread();
        journaling.exempt().accept(self);
        try {
            long last = repository.journalMark();
            int groups = 0;
            int scans = 0;
            List<ScanJournal.Frame> frames = journal.readAll();
            LOG.info("Scan journal: the database file has the groups up to {}; the journal holds {} groups{}", last, frames.size(),
                    frames.isEmpty() ? "" : " (" + frames.get(0).seq() + " to " + frames.get(frames.size() - 1).seq() + ")");
            long mark = last;
            for (ScanJournal.Frame frame : frames) {
                JournalCodec.Group group;
                try {
                    group = JournalCodec.decode(frame.payload());
                } catch (IllegalArgumentException e) {
                    throw new ScanJournal.JournalException("cannot read the scan journal (" + e.getMessage() + "); it was written "
                            + "by another version of Touchmark: start that version once to apply it");
                }
                // Which of the group's scans the file has decides, not the mark alone: should H2 ever have kept part
                // of a group (see StoreFlusher), the scans it lacks are applied, and none is written twice.
                List<JournalCodec.Entry> missing = group.entries();
                long unreadableToAdd = frame.seq() > mark ? group.unreadable() : 0;
                if (!missing.isEmpty()) {
                    Set<Long> stored = repository.existingScanIds(missing.stream().map(JournalCodec.Entry::id).toList());
                    if (!stored.isEmpty()) {
                        if (stored.size() < missing.size()) {
                            LOG.warn("The database file held {} of the {} scans of journal group {}; applying the others",
                                    stored.size(), missing.size(), frame.seq());
                        }
                        missing = missing.stream().filter(e -> !stored.contains(e.id())).toList();
                        unreadableToAdd = 0;
                    }
                }
                if (missing.isEmpty() && unreadableToAdd == 0) {
                    continue;
                }
                List<Pending> pending = missing.stream().map(e ->
                        new Pending(e.scan(), new CompletableFuture<>(), e.id(), e.assessment(), 0)).toList();
                long unreadableNow = unreadableToAdd;
                long newMark = Math.max(last, frame.seq());
                boolean[] gated = {false};
                try {
                    repository.dsl().transaction(() -> {
                        journaling.gate().lock(); // held until after the commit, taken after the connection (see commit)
                        gated[0] = true;
                        write(pending, unreadableNow, group.at());
                        repository.setJournalMark(newMark);
                    });
                } finally {
                    if (gated[0]) {
                        journaling.gate().unlock();
                    }
                }
                last = newMark;
                groups++;
                scans += pending.size();
            }
            last = Math.max(last, frames.isEmpty() ? last : frames.get(frames.size() - 1).seq());
            journaling.checkpoint().run();
            journal.startAfresh(last + 1);
            if (groups > 0) {
                LOG.warn("Applied {} scans in {} groups from the scan journal: the server had stopped without shutting down,"
                        + " and the database file did not have them yet", scans, groups);
            }
            return last + 1;
        } finally {
            journaling.endExemption().accept(self);
        }
    }

    /** Queues a scan; the future completes once it is committed, or fails if it could not be. */
    public CompletableFuture<RecordedScan> record(ScanToRecord scan) {
        CompletableFuture<RecordedScan> result = new CompletableFuture<>();
        if (closing || !queue.offer(new Pending(scan, result, 0, null, System.nanoTime()))) {
            result.completeExceptionally(new ScanLogUnavailableException(closing ? "the server is shutting down"
                    : "too many scans are waiting to be recorded"));
        }
        return result;
    }

    /** Totals since start. */
    public Stats stats() {
        return new Stats(commits.get(), committedScans.get(), commitNanos.get(), queue.size());
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
                    commit(group);
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
                ids.renewNode();
                group.forEach(p -> p.result().completeExceptionally(new ScanLogUnavailableException("the scan log is unavailable")));
            }
            group.clear();
        }
        if (unreadable.get() > 0) {
            try {
                commit(group);
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

    private void commit(List<Pending> group) {
        long unreadableNow = unreadable.getAndSet(0);
        List<RecordedScan> recorded;
        long started = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        long seq = nextSeq;
        long[] appendedAt = {-1};
        Lock gate = journaling == null ? null : journaling.gate();
        boolean[] gated = {false};
        try {
            ScanJournal journal = journaling == null ? null : journaling.journal();
            if (journal != null) {
                journal.rotateIfFull(seq);
            }
            recorded = repository.dsl().transactionResult(() -> {
                // The gate is taken once the transaction holds its connection (the order of every thread that
                // checkpoints, which holds a connection while it waits for the gate) and before the first change.
                if (gate != null) {
                    gate.lock();
                    gated[0] = true;
                }
                List<RecordedScan> written = write(group, unreadableNow, now);
                if (journal != null) {
                    repository.setJournalMark(seq);
                    appendedAt[0] = journal.append(JournalCodec.encode(seq, now, unreadableNow, entries(group, written)));
                }
                return written;
            });
            codeStates.groupCommitted();
            lastCommitNanos = System.nanoTime() - started;
            commitNanos.addAndGet(lastCommitNanos);
            commits.incrementAndGet();
            committedScans.addAndGet(group.size());
            if (journal != null) {
                nextSeq = seq + 1;
                committedSeq = seq;
            }
        } catch (RuntimeException e) {
            unreadable.addAndGet(unreadableNow);
            codeStates.groupFailed();
            if (appendedAt[0] >= 0) {
                // The frame is in the journal but its transaction did not commit, and its scans are answered with an
                // error: take it back. Should that fail too, its number is never used again (a crash before the next
                // group would then record scans that were refused, never lose scans that were answered).
                nextSeq = seq + 1;
                try {
                    journaling.journal().undo(appendedAt[0]);
                } catch (RuntimeException undo) {
                    LOG.error("Could not take back the journal frame of a group that did not commit", undo);
                }
            }
            throw e;
        } finally {
            if (gated[0]) {
                gate.unlock();
            }
        }
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

    private static void complete(List<Pending> done, List<RecordedScan> recorded, int from, int to) {
        for (int i = from; i < to; i++) {
            done.get(i).result().complete(recorded.get(i));
        }
    }

    private static List<JournalCodec.Entry> entries(List<Pending> group, List<RecordedScan> recorded) {
        List<JournalCodec.Entry> entries = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            RecordedScan r = recorded.get(i);
            entries.add(new JournalCodec.Entry(r.scanId(), group.get(i).scan(), r.outcome(), r.assessment()));
        }
        return entries;
    }

    /**
     * Writes the database file (on its own thread, every checkpointEvery; between two groups, through the gate), lets
     * the journal drop the full segments the file now has, then takes a step of compaction (on this thread, so that
     * it never delays a checkpoint).
     */
    private void checkpoint() {
        long committed = committedSeq;
        if (committed <= checkpointedSeq) {
            return;
        }
        try {
            journaling.checkpoint().run();
            checkpointedSeq = committed;
            journaling.journal().dropUpTo(committed);
        } catch (Throwable e) { // an Error would cancel the schedule, and the journal would grow for good
            LOG.warn("Could not write the database file; the scan journal keeps its scans until a checkpoint succeeds", e);
            return;
        }
        try {
            journaling.compact().run();
        } catch (Throwable e) {
            LOG.warn("Could not compact the database file; it is written all the same, and the next checkpoint tries again", e);
        }
    }

    private List<RecordedScan> write(List<Pending> group, long unreadableNow, OffsetDateTime now) {
        Set<CodeKey> codes = new HashSet<>();
        Set<DeviceKey> devices = new HashSet<>();
        for (Pending p : group) {
            if (p.scan().tracksCode()) {
                CodeKey code = new CodeKey(p.scan().batchId(), p.scan().codeIndex());
                codes.add(code);
                if (p.scan().deviceId() != null) {
                    devices.add(new DeviceKey(code, p.scan().deviceId()));
                }
            }
        }
        Map<CodeKey, State> states = codeStates.forGroup(codes);
        Set<DeviceKey> known = repository.knownDevices(devices);
        List<DeviceKey> newDevices = new ArrayList<>();
        List<ScanRepository.Event> events = new ArrayList<>(group.size());
        List<ScanJudge.Judged> judged = new ArrayList<>(group.size());
        List<RecordedScan> recorded = new ArrayList<>(group.size());
        for (Pending p : group) {
            CodeHistory history = p.scan().tracksCode() ? CodeStates.advance(p.scan(), now, states, known, newDevices) : null;
            long id = p.id() != 0 ? p.id() : ids.next();
            Assessment assessment = p.assessed() != null ? p.assessed() : judge.assess(p.scan(), history, id, now);
            Outcome outcome = p.scan().decide().apply(history, assessment);
            events.add(new ScanRepository.Event(id, now, p.scan(), outcome, assessment));
            judged.add(new ScanJudge.Judged(id, p.scan(), history, outcome, assessment));
            recorded.add(new RecordedScan(id, outcome, history, assessment));
        }
        if (!events.isEmpty()) {
            repository.insertEvents(events);
            repository.saveStates(states, now);
            repository.insertDevices(newDevices, now);
            detect(judged, now);
        }
        if (unreadableNow > 0) {
            repository.addUnreadable(LocalDate.ofInstant(now.toInstant(), ZoneOffset.UTC), unreadableNow);
        }
        return recorded;
    }

    /**
     * Detection runs in a savepoint of the group's transaction: if it fails, the scans are still recorded and
     * answered (a bug in a rule must never block verification), and the failure is logged. The savepoint is set on
     * the transaction's connection directly (the judge's queries run on that same connection), not as a nested jOOQ
     * transaction, which copied jOOQ's whole configuration for every group.
     */
    private void detect(List<ScanJudge.Judged> judged, OffsetDateTime now) {
        repository.dsl().connection(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                judge.afterWrite(judged, now);
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                LOG.error("Detection failed for a group of {} scans; they are recorded without alerts", judged.size(), e);
                return;
            }
            connection.releaseSavepoint(savepoint);
        });
    }

    /**
     * Stops taking scans and waits for the queued ones to be committed; with a journal, checkpoints and deletes
     * it (the database file then has every group), unless the writer did not finish.
     */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
            if (journaling != null) {
                checkpointer.shutdown(); // not shutdownNow: an interrupt would close H2's file under it
                checkpointer.awaitTermination(30, TimeUnit.SECONDS);
                if (!writer.isAlive()) {
                    try {
                        journaling.checkpoint().run();
                        journaling.journal().deleteAll();
                    } catch (RuntimeException e) {
                        // Usually H2's own shutdown hook closed the database first (at JVM exit), which writes its file;
                        // the next start finds the journal's scans there and applies none twice.
                        LOG.info("Could not empty the scan journal at shutdown ({}); the next start checks it against the"
                                + " database file", e.getMessage() == null ? e.getClass().getSimpleName()
                                : e.getMessage().lines().findFirst().orElse(""));
                    }
                }
                journaling.journal().close();
            }
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
