package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.testsupport.Eventually;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OrderedParallelPipelineTest {
    private static final RenderPool POOL = TestLabels.POOL;

    @Test
    void resultsReachTheSinkInTaskOrderAlthoughTasksFinishOutOfOrder() throws Exception {
        var pipeline = new OrderedParallelPipeline<Long>(POOL, 8);
        var seen = new ArrayList<Long>();
        var workers = ConcurrentHashMap.<String>newKeySet();
        // Every tenth task finishes only after the task behind it has: that needs two tasks running at once, and
        // their results arrive out of order. On a pipeline that runs one task at a time the wait ends in a failure.
        var finished = new ConcurrentHashMap<Long, CountDownLatch>();
        pipeline.run(500, i -> {
            workers.add(Thread.currentThread().getName());
            if (i % 10 == 0) {
                awaitFinished(finished.computeIfAbsent(i + 1, k -> new CountDownLatch(1)), i + 1);
            }
            finished.computeIfAbsent(i, k -> new CountDownLatch(1)).countDown();
            return i;
        }, seen::add);
        assertEquals(500, seen.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, seen.get(i));
        }
        assertTrue(workers.size() > 1, "ran in parallel on " + workers);
        assertTrue(workers.stream().allMatch(n -> n.startsWith(RenderPool.THREAD_NAME_PREFIX)));
    }

    private static void awaitFinished(CountDownLatch latch, long task) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("task " + task + " never ran beside the task before it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void noMoreThanMaxInFlightTasksAreStartedAheadOfTheSink() throws Exception {
        var started = new AtomicInteger();
        var consumed = new AtomicInteger();
        var maxAhead = new AtomicInteger();
        new OrderedParallelPipeline<Long>(POOL, 5).run(300, i -> {
            maxAhead.accumulateAndGet(started.incrementAndGet() - consumed.get(), Math::max);
            return i;
        }, r -> {
            // Waits until the workers have run as far ahead as the pipeline lets them, so a pipeline that let them
            // run further would be seen doing so, however fast or slow the sink is.
            Eventually.await("the workers ran ahead of the sink", () -> started.get() >= Math.min(300, consumed.get() + 5));
            consumed.incrementAndGet();
        });
        assertEquals(300, consumed.get());
        assertTrue(maxAhead.get() <= 5 + 1, "at most maxInFlight (+1 being replaced): " + maxAhead.get());
    }

    @Test
    void aWorkersExceptionReachesTheCallerAndNoneOfItsTasksRunsAfterwards() {
        var boom = new IllegalStateException("signing key unavailable");
        var pipeline = new OrderedParallelPipeline<Long>(POOL, 4);
        var running = new AtomicInteger();
        var started = new AtomicInteger();
        var thrown = assertThrows(IllegalStateException.class, () -> pipeline.run(1000, i -> {
            running.incrementAndGet();
            started.incrementAndGet();
            try {
                if (i == 37) {
                    throw boom;
                }
                sleepMicros(500);
                return i;
            } finally {
                running.decrementAndGet();
            }
        }, r -> { }));
        assertSame(boom, thrown);
        assertEquals(0, running.get(), "no task of the failed run is still running when it returns");
        int startedWhenThrown = started.get();
        assertEquals(6, sumOnPool(), "the shared pool still serves other runs");
        assertEquals(startedWhenThrown, started.get(), "no task of the failed run started afterwards");
    }

    @Test
    void aSinkThatFailsStopsTheRunWithNoTaskLeftRunningAndThePoolServesOtherRuns() {
        var running = new AtomicInteger();
        var pipeline = new OrderedParallelPipeline<Long>(POOL, 6);
        var e = assertThrows(IOException.class, () -> pipeline.run(100_000, i -> {
            running.incrementAndGet();
            try {
                sleepMicros(300);
                return i;
            } finally {
                running.decrementAndGet();
            }
        }, r -> {
            if (r == 20) {
                throw new IOException("client went away");
            }
        }));
        assertEquals("client went away", e.getMessage());
        assertEquals(0, running.get(), "no task of the stopped run is still running when it returns");
        assertEquals(6, sumOnPool(), "the shared pool still serves other runs");
    }

    @Test
    void runsSharingOnePoolEachGetTheirOwnResultsInOrder() throws Exception {
        var a = new ArrayList<Long>();
        var b = new ArrayList<Long>();
        var other = new Thread(() -> {
            try {
                new OrderedParallelPipeline<Long>(POOL, 4).run(2000, i -> -i, b::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        other.start();
        new OrderedParallelPipeline<Long>(POOL, 4).run(2000, i -> i, a::add);
        other.join();
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, a.get(i));
            assertEquals(-i, b.get(i));
        }
    }

    @Test
    void closingThePoolFailsARunWaitingForItInsteadOfLeavingItWaiting() {
        var pool = new RenderPool(1);
        var blocked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var run = new Thread(() -> {
            try {
                new OrderedParallelPipeline<Long>(pool, 4).run(100, i -> {
                    blocked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return i;
                }, r -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        run.start();
        await(blocked);
        pool.close();
        join(run);
        assertTrue(failure.get() != null, "the run failed rather than waiting for chunks that will never run");
    }

    @Tag("slow")
    @Test
    void anOutputStreamThatFailsStopsEveryExportWithAnIoExceptionAndLeavesThePoolIdle() throws Exception {
        var requested = new java.util.concurrent.atomic.AtomicLong();
        LabelSource source = TestLabels.source();
        var exporter = new BatchExporter(index -> {
            requested.incrementAndGet();
            return source.code(index);
        }, TestLabels.POOL);
        for (LabelFormat format : LabelFormat.values()) {
            var out = new FailingAfter(100_000);
            requested.set(0);
            long count = format == LabelFormat.ZIP ? BatchExporter.MAX_ZIP_CODES : 10_000_000;
            var e = assertThrows(IOException.class, () -> exporter.write(format, 0, count, out), format.name());
            assertEquals("client went away", e.getMessage());
            // Counted rather than timed (a busy machine makes any time limit flaky): only the chunks in flight when
            // the stream failed were rendered, not the rest of the batch.
            long rendered = requested.get();
            assertTrue(rendered < 20_000, format + " stopped rendering after the failure: " + rendered + " codes");
            assertTrue(out.writes.get() < 100, format + " stopped writing after the failure: " + out.writes);
            assertPoolIdle();
        }
    }

    /** No worker of the shared pool busy (the count lags a task's end by a moment, hence the retries). */
    static void assertPoolIdle() {
        Eventually.await("no render worker busy", () -> TestLabels.POOL.busyThreads() == 0);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** 1 + 2 + 3, summed by a small run on the shared pool. */
    private static long sumOnPool() {
        var sum = new java.util.concurrent.atomic.AtomicLong();
        try {
            new OrderedParallelPipeline<Long>(POOL, 2).run(3, i -> i + 1, sum::addAndGet);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return sum.get();
    }

    private static void sleepMicros(long micros) {
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accepts {@code limit} bytes, then throws on every write, as a socket does once the client is gone. */
    static final class FailingAfter extends OutputStream {
        private final long limit;
        private long written;
        final AtomicInteger writes = new AtomicInteger();

        FailingAfter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                writes.incrementAndGet();
                throw new IOException("client went away");
            }
            written += len;
        }
    }
}
