package dev.touchmark.label;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads that render labels (QR encoding, page drawing, compression), shared by every export of one
 * process. However many exports run, label rendering never takes more than {@link #threads()} cores, so on a server
 * the rest stay free for verification. Exports submit a bounded number of chunks each and take results in order;
 * the queue is first come, first served, so exports running together share the workers about equally.
 */
public final class RenderPool implements AutoCloseable {
    /** Prefix of every worker thread's name. */
    public static final String THREAD_NAME_PREFIX = "touchmark-label-";
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final int threads;
    private final ThreadPoolExecutor pool;

    /** A pool of {@code threads} daemon workers at the lowest thread priority. */
    public RenderPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        // Unbounded queue, bounded in practice: each export keeps at most a few chunks per worker submitted.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threadFactory());
    }

    /** The server's pool: half the cores (at least one), so exports can never take the whole machine. */
    public static RenderPool forServer(int configuredThreads) {
        return new RenderPool(configuredThreads > 0 ? configuredThreads : serverThreads());
    }

    /** Half the available processors, at least one. */
    public static int serverThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** A pool using every core, for a process that does nothing but export (the command line). */
    public static RenderPool allCores() {
        return new RenderPool(Runtime.getRuntime().availableProcessors());
    }

    /** How many workers render at most at once. */
    public int threads() {
        return threads;
    }

    /** Workers rendering right now (approximate, for tests and metrics). */
    public int busyThreads() {
        return pool.getActiveCount();
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * Interrupts the workers and waits for them, up to 10 s (chunks are short, so this is prompt). Chunks never
     * started are cancelled, so an export waiting for one fails instead of waiting for ever.
     */
    @Override
    public void close() {
        for (Runnable never : pool.shutdownNow()) {
            if (never instanceof Future<?> chunk) {
                chunk.cancel(false);
            }
        }
        try {
            pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, THREAD_NAME_PREFIX + counter.incrementAndGet());
            thread.setDaemon(true);
            // The same as Jetty's request threads (App.requestThreads): the scan writer keeps the normal priority.
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }
}
