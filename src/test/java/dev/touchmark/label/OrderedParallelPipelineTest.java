package dev.touchmark.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedParallelPipelineTest {

    @Test
    void resultsReachTheSinkInTaskOrderAlthoughTasksFinishOutOfOrder() throws Exception {
        var pipeline = new OrderedParallelPipeline<Long>(4, 8);
        var seen = new ArrayList<Long>();
        var workers = ConcurrentHashMap.<String>newKeySet();
        pipeline.run(500, i -> {
            workers.add(Thread.currentThread().getName());
            sleepMicros(ThreadLocalRandom.current().nextInt(2000));
            return i;
        }, seen::add);
        assertEquals(500, seen.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, seen.get(i));
        }
        assertTrue(workers.size() > 1, "ran in parallel on " + workers);
        assertTrue(workers.stream().allMatch(n -> n.startsWith(OrderedParallelPipeline.THREAD_NAME_PREFIX)));
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
            sleepMicros(200);
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

    @Test
    void anOutputStreamThatFailsStopsEveryExportWithAnIoExceptionAndNoThreadsRemain() throws Exception {
        var exporter = new BatchExporter(TestLabels.source(), 2);
        for (LabelFormat format : LabelFormat.values()) {
            var out = new FailingAfter(100_000);
            long begin = System.nanoTime();
            long count = format == LabelFormat.ZIP ? BatchExporter.MAX_ZIP_CODES : 10_000_000;
            var e = assertThrows(IOException.class, () -> exporter.write(format, 0, count, out), format.name());
            assertEquals("client went away", e.getMessage());
            assertTrue(System.nanoTime() - begin < 5_000_000_000L, format + " stopped promptly");
            assertTrue(out.writes.get() < 100, format + " stopped writing after the failure: " + out.writes);
            assertNoWorkerThreadsRemain();
        }
    }

    static void assertNoWorkerThreadsRemain() {
        List<String> alive = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith(OrderedParallelPipeline.THREAD_NAME_PREFIX)).toList();
            if (alive.isEmpty()) {
                return;
            }
            sleepMicros(20_000);
        }
        throw new AssertionError("worker threads still alive: " + alive);
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
