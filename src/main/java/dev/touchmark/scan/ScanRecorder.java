package dev.touchmark.scan;

import dev.touchmark.scan.ScanRepository.CodeKey;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log's single writer, with group commit: scans queue up, one thread takes up to a few hundred
 * at a time, decides their verdicts in order against the code state, writes them all in one transaction,
 * and only then completes their futures. So no answer leaves before its scan is durably recorded, and
 * the code state has exactly one writer per process.
 */
public final class ScanRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRecorder.class);
    private static final int MAX_GROUP = 500;
    private static final long GATHER_NANOS = 1_000_000L;
    private static final int GATHER_FROM = 8;
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
    private volatile boolean closing;
    private long lastCommitNanos = GATHER_NANOS;

    /** Totals since start, for metrics: commits, scans committed, and time spent committing. */
    public record Stats(long commits, long scans, long commitNanos, int queued) {
    }

    private record Pending(ScanToRecord scan, CompletableFuture<RecordedScan> result) {
    }

    public ScanRecorder(ScanRepository repository, ScanJudge judge, Clock clock, int queueCapacity) {
        this.repository = repository;
        this.judge = judge;
        this.clock = clock;
        this.ids = new ScanIds(clock, new SecureRandom());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::run, "touchmark-scan-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues a scan; the future completes once it is committed, or fails if it could not be. */
    public CompletableFuture<RecordedScan> record(ScanToRecord scan) {
        CompletableFuture<RecordedScan> result = new CompletableFuture<>();
        if (closing || !queue.offer(new Pending(scan, result))) {
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
     * A commit has a fixed cost (H2 writes its file on every commit), so under heavy load it pays to wait a
     * moment for more scans: when the group holds at least GATHER_FROM scans once the queue is drained (about
     * that many arrived while the last commit ran), wait up to as long as that commit took (at most
     * GATHER_NANOS) or until the group is full. Under lighter load a wait only adds latency (the next group
     * forms during this commit anyway), so the group is committed at once.
     */
    private void gather(List<Pending> group) throws InterruptedException {
        queue.drainTo(group, MAX_GROUP - group.size());
        if (group.size() < GATHER_FROM) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(GATHER_NANOS, lastCommitNanos);
        while (group.size() < MAX_GROUP) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            group.add(next);
            queue.drainTo(group, MAX_GROUP - group.size());
        }
    }

    private void commit(List<Pending> group) {
        long unreadableNow = unreadable.getAndSet(0);
        List<RecordedScan> recorded;
        long started = System.nanoTime();
        try {
            recorded = repository.dsl().transactionResult(() -> write(group, unreadableNow));
            lastCommitNanos = System.nanoTime() - started;
            commitNanos.addAndGet(lastCommitNanos);
            commits.incrementAndGet();
            committedScans.addAndGet(group.size());
        } catch (RuntimeException e) {
            unreadable.addAndGet(unreadableNow);
            throw e;
        }
        // Answers are rendered by whoever completes the future: hand that work to other threads so the
        // writer goes straight back to the next group.
        List<Pending> done = List.copyOf(group);
        int half = (done.size() + 1) / 2;
        completer.execute(() -> complete(done, recorded, 0, half));
        completer.execute(() -> complete(done, recorded, half, done.size()));
    }

    private static void complete(List<Pending> done, List<RecordedScan> recorded, int from, int to) {
        for (int i = from; i < to; i++) {
            done.get(i).result().complete(recorded.get(i));
        }
    }

    private List<RecordedScan> write(List<Pending> group, long unreadableNow) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
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
        Map<CodeKey, State> states = new LinkedHashMap<>(repository.loadStates(codes));
        Set<DeviceKey> known = repository.knownDevices(devices);
        List<DeviceKey> newDevices = new ArrayList<>();
        List<ScanRepository.Event> events = new ArrayList<>(group.size());
        List<ScanJudge.Judged> judged = new ArrayList<>(group.size());
        List<RecordedScan> recorded = new ArrayList<>(group.size());
        for (Pending p : group) {
            CodeHistory history = p.scan().tracksCode() ? advance(p.scan(), now, states, known, newDevices) : null;
            long id = ids.next();
            Assessment assessment = judge.assess(p.scan(), history, id, now);
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
     * answered (a bug in a rule must never block verification), and the failure is logged.
     */
    private void detect(List<ScanJudge.Judged> judged, OffsetDateTime now) {
        try {
            repository.dsl().transaction(() -> judge.afterWrite(judged, now));
        } catch (RuntimeException e) {
            LOG.error("Detection failed for a group of {} scans; they are recorded without alerts", judged.size(), e);
        }
    }

    private static CodeHistory advance(ScanToRecord scan, OffsetDateTime now, Map<CodeKey, State> states,
                                       Set<DeviceKey> known, List<DeviceKey> newDevices) {
        CodeKey code = new CodeKey(scan.batchId(), scan.codeIndex());
        State state = states.computeIfAbsent(code,
                c -> new State(scan.brandId(), now, scan.deviceId(), scan.country(), 0, 0, false));
        boolean first = state.scanCount == 0;
        boolean deviceSeen = false;
        if (scan.deviceId() != null) {
            DeviceKey device = new DeviceKey(code, scan.deviceId());
            deviceSeen = !known.add(device);
            if (!deviceSeen) {
                newDevices.add(device);
                state.deviceCount++;
                state.addedDevices++;
            }
        }
        state.scanCount++;
        state.addedScans++;
        state.lastScanAt = now;
        return new CodeHistory(first, deviceSeen, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount);
    }

    /** Stops taking scans and waits for the queued ones to be committed. */
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
