package dev.touchmark.label;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs numbered tasks on a pool of daemon threads, at most {@code maxInFlight} at a time, and hands their
 * results to a sink on the calling thread in task order. Memory stays bounded by maxInFlight results,
 * whatever the task count. The pool lives only for the duration of {@link #run} and is always shut down
 * before it returns or throws.
 *
 * @param <T> the result of one task
 */
public final class OrderedParallelPipeline<T> {
    /** Prefix of every worker thread's name. */
    public static final String THREAD_NAME_PREFIX = "touchmark-label-";
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final int threads;
    private final int maxInFlight;
    private final AtomicInteger threadCounter = new AtomicInteger();

    /** Consumes results in order on the calling thread; may fail with an IOException (client went away). */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T result) throws IOException;
    }

    /**
     * @param threads worker threads, at least 1
     * @param maxInFlight tasks submitted but not yet consumed, at least {@code threads}
     */
    public OrderedParallelPipeline(int threads, int maxInFlight) {
        if (threads < 1 || maxInFlight < threads) {
            throw new IllegalArgumentException("need threads >= 1 and maxInFlight >= threads, got threads="
                    + threads + ", maxInFlight=" + maxInFlight);
        }
        this.threads = threads;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Runs tasks {@code 0..taskCount-1} and feeds their results to {@code sink} in order.
     *
     * @throws IOException what the sink threw (remaining tasks are cancelled), or InterruptedIOException
     * @throws RuntimeException the first failure of a task, rethrown as is (also Errors)
     */
    public void run(long taskCount, LongFunction<? extends T> task, Sink<? super T> sink) throws IOException {
        if (taskCount < 0) {
            throw new IllegalArgumentException("taskCount must be >= 0, was " + taskCount);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory());
        var inFlight = new ArrayDeque<Future<? extends T>>(maxInFlight);
        try {
            long next = 0;
            while (next < taskCount && inFlight.size() < maxInFlight) {
                inFlight.add(submit(pool, task, next++));
            }
            while (!inFlight.isEmpty()) {
                T result = await(inFlight.poll());
                if (next < taskCount) {
                    inFlight.add(submit(pool, task, next++));
                }
                sink.accept(result);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            shutdown(pool);
        }
    }

    private static <T> Future<? extends T> submit(ExecutorService pool, LongFunction<? extends T> task,
            long index) {
        return pool.submit(() -> task.apply(index));
    }

    private static <T> T await(Future<? extends T> future) throws InterruptedIOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var io = new InterruptedIOException("label export interrupted");
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("label task failed", cause);
        }
    }

    /** Interrupts and waits for the workers; tasks are short (one chunk), so this is prompt. */
    private static void shutdown(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory threadFactory() {
        return runnable -> {
            var thread = new Thread(runnable, THREAD_NAME_PREFIX + threadCounter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
