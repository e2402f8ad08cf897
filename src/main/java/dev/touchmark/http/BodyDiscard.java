package dev.touchmark.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and drops what the answer left of a body, with no thread waiting, then completes the request: up to
 * {@link SlowClientGuard#DISCARD_BYTES}, within that much time at the minimum rate. Past either, Jetty closes the connection.
 */
final class BodyDiscard implements Runnable {
    private final Request request;
    private final Callback done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Scheduler.Task deadline;
    private long dropped;

    BodyDiscard(Request request, Callback done) {
        this.request = request;
        this.done = done;
    }

    void start() {
        // Most answers leave nothing unread: then no deadline is set at all.
        if (drain()) {
            finish();
            return;
        }
        try {
            deadline = request.getComponents().getScheduler().schedule(this::finish,
                    SlowClientGuard.nanosFor(SlowClientGuard.DISCARD_BYTES), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(); // the server is stopping: the answer is out, and its connection closes with it
            return;
        }
        request.demand(this);
    }

    /** Called by Jetty (on a pool thread) when more of the body has arrived. */
    @Override
    public void run() {
        if (drain()) {
            finish();
        } else {
            request.demand(this);
        }
    }

    /** Reads and drops what has arrived; true once the body has ended, too much was dropped, or time is up. */
    private boolean drain() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                return false;
            }
            boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
            dropped += chunk.remaining();
            chunk.release();
            if (last || dropped > SlowClientGuard.DISCARD_BYTES) {
                return true;
            }
        }
        return true;
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            if (deadline != null) {
                deadline.cancel();
            }
            done.succeeded();
        }
    }
}
