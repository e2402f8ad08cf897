package dev.touchmark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {
    @Test
    void runsAtOnceAgainWhenWokenAndGoesOnAfterAFailedRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Semaphore ran = new Semaphore(0);
        // An interval no test waits for: every run after the first comes from a wake-up.
        try (Poller poller = new Poller("test", () -> {
            int n = runs.incrementAndGet();
            ran.release();
            if (n == 2) {
                throw new IllegalStateException("a failing run");
            }
        }, Duration.ofHours(1), Duration.ofSeconds(5), false)) {
            poller.start();
            assertTrue(ran.tryAcquire(10, TimeUnit.SECONDS), "the first run is at once");
            poller.wakeUp();
            assertTrue(ran.tryAcquire(10, TimeUnit.SECONDS), "a wake-up runs it again");
            poller.wakeUp();
            assertTrue(ran.tryAcquire(10, TimeUnit.SECONDS), "a failed run does not stop the thread");
            assertEquals(3, runs.get());
        }
    }

    @Test
    void closeStopsItAndARunInProgressSeesItIsNoLongerRunning() throws Exception {
        Semaphore started = new Semaphore(0);
        Semaphore sawStop = new Semaphore(0);
        Poller[] self = new Poller[1];
        Poller poller = new Poller("stopping", () -> {
            started.release();
            while (self[0].running()) {
                Thread.onSpinWait();
            }
            sawStop.release();
        }, Duration.ofHours(1), Duration.ofSeconds(10), false);
        self[0] = poller;
        poller.start();
        assertTrue(started.tryAcquire(10, TimeUnit.SECONDS));
        poller.close();
        assertTrue(sawStop.tryAcquire(1, TimeUnit.SECONDS), "close waited for the run, which saw it stop");
    }
}
