package dev.touchmark.testsupport;

import dev.touchmark.db.ChangeWatcher;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The change counter of a database that does not exist: a number, how often it was read and on which thread last. */
public final class FakeChangeCounter {
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String lastReader = "";

    /** Another node committed a change. */
    public void bump() {
        version.incrementAndGet();
    }

    /** Sets the counter, as a restored backup would. */
    public void set(long value) {
        version.set(value);
    }

    /** The committed version, counting the read. */
    public long current() {
        reads.incrementAndGet();
        lastReader = Thread.currentThread().getName();
        return version.get();
    }

    public int reads() {
        return reads.get();
    }

    public String lastReader() {
        return lastReader;
    }

    /** A watcher over this counter, not started (tests poll it with pollNow), allowing the production lag. */
    public ChangeWatcher watcher(Clock clock) {
        return new ChangeWatcher(this::current, this::bump, clock, ChangeWatcher.MAX_LAG);
    }

    /** The same, already read once, so its caches serve from memory until something moves. */
    public ChangeWatcher polledWatcher(Clock clock) {
        ChangeWatcher watcher = watcher(clock);
        watcher.pollNow();
        return watcher;
    }
}
