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

    @Test
    void resultsReachTheSinkInTaskOrderAlthoughTasksFinishOutOfOrder() throws Exception {
        var pipeline = new OrderedParallelPipeline<Long>(4, 8);
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
        assertTrue(workers.stream().allMatch(n -> n.startsWith(OrderedParallelPipeline.THREAD_NAME_PREFIX)));
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
        new OrderedParallelPipeline<Long>(3, 5).run(300, i -> {
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
    void aWorkersExceptionReachesTheCallerAndThePoolStops() {
        var boom = new IllegalStateException("signing key unavailable");
        var pipeline = new OrderedParallelPipeline<Long>(2, 4);
        var thrown = assertThrows(IllegalStateException.class, () -> pipeline.run(1000, i -> {
            if (i == 37) {
                throw boom;
            }
            return i;
        }, r -> { }));
        assertSame(boom, thrown);
        assertNoWorkerThreadsRemain();
    }

    @Tag("slow")
    @Test
    void anOutputStreamThatFailsStopsEveryExportWithAnIoExceptionAndNoThreadsRemain() throws Exception {
        for (LabelFormat format : LabelFormat.values()) {
            long count = format == LabelFormat.ZIP ? BatchExporter.MAX_ZIP_CODES : 10_000_000;
            // The output fails after 100 KB, a few hundred labels at most: an export that kept making labels past
            // a tenth of the batch did not stop, and this source fails it instead of letting it run for minutes.
            var made = new AtomicLong();
            LabelSource labels = TestLabels.source();
            var exporter = new BatchExporter(index -> {
                if (made.incrementAndGet() > count / 10) {
                    throw new AssertionError(format + " kept making labels after the client went away");
                }
                return labels.code(index);
            }, 2);
            var out = new FailingAfter(100_000);
            var e = assertThrows(IOException.class, () -> exporter.write(format, 0, count, out), format.name());
            assertEquals("client went away", e.getMessage());
            assertTrue(out.writes.get() < 100, format + " stopped writing after the failure: " + out.writes);
            assertNoWorkerThreadsRemain();
        }
    }

    static void assertNoWorkerThreadsRemain() {
        Eventually.await("no worker threads remain", () -> workerThreads().isEmpty());
    }

    private static List<String> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(OrderedParallelPipeline.THREAD_NAME_PREFIX)).toList();
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
