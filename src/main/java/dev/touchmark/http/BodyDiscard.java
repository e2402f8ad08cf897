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
    private Scheduler.Task deadline;
    private long dropped;

    BodyDiscard(Request request, Callback done) {
        this.request = request;
        this.done = done;
    }

    void start() {
        try {
            deadline = request.getComponents().getScheduler().schedule(this::finish,
                    SlowClientGuard.nanosFor(SlowClientGuard.DISCARD_BYTES), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(); // the server is stopping: the answer is out, and its connection closes with it
            return;
        }
        run();
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
            dropped += chunk.remaining();
            chunk.release();
            if (last || dropped > SlowClientGuard.DISCARD_BYTES) {
                finish();
                return;
            }
        }
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
