package dev.touchmark.jobs;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that runs one task every interval, or at once when woken up. A failing run is logged and the
 * next one comes on time: work that several nodes share is claimed in the database by the task itself, so a node that
 * fails or stops leaves it to the others.
 */
public final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private final String what;
    private final Runnable task;
    private final Duration interval;
    private final Duration stopWait;
    private final boolean interruptOnClose;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * what names the work in the thread's name and the log ("staff mail"); stopWait is how long close waits for a run
     * in progress; interruptOnClose interrupts that run (for I/O that answers interrupts, such as a socket).
     */
    public Poller(String what, Runnable task, Duration interval, Duration stopWait, boolean interruptOnClose) {
        this.what = what;
        this.task = task;
        this.interval = interval;
        this.stopWait = stopWait;
        this.interruptOnClose = interruptOnClose;
        this.thread = new Thread(this::runUntilClosed, "touchmark-" + what.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    /** Starts the thread; the first run is at once. */
    public Poller start() {
        thread.start();
        return this;
    }

    /** Asks for a run now rather than at the next tick (several asks before it starts make one run). */
    public void wakeUp() {
        wakeUps.release();
    }

    /** False once closing: a long run checks it between items to stop early. */
    public boolean running() {
        return running;
    }

    private void runUntilClosed() {
        while (running) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("The {} run failed; trying again in {} s", what, interval.toSeconds(), e);
            }
            try {
                wakeUps.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops: a run in progress finishes (or is interrupted, if asked), waited for up to stopWait. */
    @Override
    public void close() {
        running = false;
        if (interruptOnClose) {
            thread.interrupt();
        } else {
            wakeUp();
        }
        try {
            thread.join(stopWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
