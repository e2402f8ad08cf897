package dev.touchmark.label;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Runs numbered tasks on a shared {@link RenderPool}, at most {@code maxInFlight} of them submitted at a time, and
 * hands their results to a sink on the calling thread in task order. Memory stays bounded by maxInFlight results,
 * whatever the task count. When {@link #run} returns or throws, none of its tasks is still running or will start:
 * an export that ends (finished, failed, or its client gone) no longer takes the pool's time.
 *
 * @param <T> the result of one task
 */
public final class OrderedParallelPipeline<T> {
    private final RenderPool pool;
    private final int maxInFlight;

    /** Consumes results in order on the calling thread; may fail with an IOException (client went away). */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T result) throws IOException;
    }

    /**
     * @param pool the workers, shared with other pipelines
     * @param maxInFlight tasks submitted but not yet consumed, at least 1
     */
    public OrderedParallelPipeline(RenderPool pool, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("need maxInFlight >= 1, got " + maxInFlight);
        }
        this.pool = pool;
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
        var tasks = new RunningTasks();
        var inFlight = new ArrayDeque<Future<T>>(maxInFlight);
        try {
            long next = 0;
            while (next < taskCount && inFlight.size() < maxInFlight) {
                inFlight.add(submit(tasks, task, next++));
            }
            while (!inFlight.isEmpty()) {
                T result = await(inFlight.poll());
                if (next < taskCount) {
                    inFlight.add(submit(tasks, task, next++));
                }
                sink.accept(result);
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            tasks.closeAndAwait();
        }
    }

    private Future<T> submit(RunningTasks tasks, LongFunction<? extends T> task, long index) {
        return pool.submit(() -> {
            if (!tasks.enter()) {
                return null;
            }
            try {
                return task.apply(index);
            } finally {
                tasks.exit();
            }
        });
    }

    private static <T> T await(Future<T> future) throws InterruptedIOException {
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

    /**
     * The tasks of one run now on a worker. A cancelled task can still start (a worker may have taken it just before
     * the cancel), so a task checks in first and does nothing once the run is closed; closing waits for those that
     * checked in before it.
     */
    private static final class RunningTasks {
        private boolean closed;
        private int running;

        synchronized boolean enter() {
            if (closed) {
                return false;
            }
            running++;
            return true;
        }

        synchronized void exit() {
            if (--running == 0) {
                notifyAll();
            }
        }

        /** Tasks are one chunk each (milliseconds), and cancelled ones were interrupted, so this is prompt. */
        synchronized void closeAndAwait() {
            closed = true;
            boolean interrupted = false;
            while (running > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
