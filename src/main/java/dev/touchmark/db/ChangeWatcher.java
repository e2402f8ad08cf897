package dev.touchmark.db;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the change counter, for the caches of keys, batches and rules ({@link VersionedCache}). One
 * daemon thread reads the counter every {@link #POLL_EVERY}, off the request path; every move it sees starts a new
 * generation. A cache stamps each entry with the generation read before its load and treats an older stamp as a
 * miss, so a load that raced with a change cannot outlive it. With no successful reading for {@link #MAX_LAG}
 * (database unreachable, thread stalled) nothing is current, and the caches read the database for every lookup:
 * a change committed on any node is followed on this one within that time, or not served from memory at all.
 */
public final class ChangeWatcher implements AutoCloseable {
    /** How often the watcher thread reads the counter. */
    public static final Duration POLL_EVERY = Duration.ofMillis(200);
    /** How old the last reading may be for cached entries to count. */
    public static final Duration MAX_LAG = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final long CATCH_UP_WAIT_MILLIS = 2_000;

    private final LongSupplier committedVersion;
    private final Runnable bump;
    private final Clock clock;
    private final long maxLagMillis;
    private volatile long generation;
    /** When the last successful reading started; only a reading that started within MAX_LAG vouches for the caches. */
    private volatile long confirmedAt;
    private volatile boolean confirmed;
    private long lastSeen;
    private boolean failing;
    private volatile ScheduledExecutorService poller;

    /** Watches the counter in the database. */
    public ChangeWatcher(ChangeCounter counter, Clock clock) {
        this(counter::current, counter::bump, clock, MAX_LAG);
    }

    /**
     * Watches any counter: {@code committedVersion} must read only committed values (the watcher thread has no
     * transaction of its own), {@code bump} moves it in the caller's transaction. Tests pass fakes.
     */
    public ChangeWatcher(LongSupplier committedVersion, Runnable bump, Clock clock, Duration maxLag) {
        this.committedVersion = committedVersion;
        this.bump = bump;
        this.clock = clock;
        this.maxLagMillis = maxLag.toMillis();
    }

    /** Reads the counter once now, then every {@code every} on a daemon thread; returns this. */
    public synchronized ChangeWatcher start(Duration every) {
        if (poller != null) {
            throw new IllegalStateException("the change watcher is already started");
        }
        pollNow();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "touchmark-change-watcher");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Records, in the caller's transaction, that keys, batch statuses or rules changed; see {@link #catchUp}. */
    public void bump() {
        bump.run();
    }

    /**
     * After committing a change, brings this node up to date before the caller answers: reads the counter on the
     * watcher thread and waits for it. On that thread, never the caller's, so a caller still inside an outer
     * transaction cannot make the caches trust a version not yet committed (the reading then sees the old version
     * and the next poll the new one). A watcher that was never started reads on the caller's thread.
     */
    public void catchUp() {
        ScheduledExecutorService current = poller;
        if (current == null) {
            pollNow();
            return;
        }
        try {
            current.submit(this::pollNow).get(CATCH_UP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the server is stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not read the change counter after a change; the next poll will", e);
        }
    }

    /** Reads the counter now and starts a new generation if it moved (either way: a restored backup goes back). */
    public synchronized void pollNow() {
        long startedAt = clock.millis();
        long version = committedVersion.getAsLong();
        if (!confirmed || version != lastSeen) {
            lastSeen = version;
            generation++;
        }
        confirmedAt = startedAt;
        confirmed = true;
    }

    /** The current generation: read it before a load and stamp the loaded entry with it. */
    public long generation() {
        return generation;
    }

    /** Whether an entry stamped with a generation may be served: nothing changed since, and the reading is recent. */
    public boolean isCurrent(long stamp) {
        return stamp == generation && confirmed && clock.millis() - confirmedAt <= maxLagMillis;
    }

    private void pollSafely() {
        try {
            pollNow();
            if (failing) {
                failing = false;
                LOG.info("The change counter is readable again; caches serve from memory");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot read the change counter; after {} ms without a reading the caches of keys, batches and"
                        + " rules read the database for every lookup", maxLagMillis, e);
            }
        }
    }

    /** Stops the thread, letting a reading in progress finish (H2 closes its file on an interrupted read). */
    @Override
    public void close() {
        ScheduledExecutorService stopping = poller;
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
