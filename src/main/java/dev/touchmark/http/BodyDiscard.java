package dev.touchmark.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Reads and drops what the answer left of a body, with no thread waiting, then completes the request: up to
 * {@link SlowClientGuard#DISCARD_BYTES}, for at most {@link SlowClientGuard#DISCARD_TIME}. Past either, the connection
 * is closed under the client. No timer: a body that stops arriving wakes the discard with Jetty's idle timeout, and
 * completing only where the body is read leaves no read racing the completion.
 */
final class BodyDiscard implements Runnable {
    private final Request request;
    private final Callback done;
    private final long begin = NanoTime.now();
    private long dropped;

    BodyDiscard(Request request, Callback done) {
        this.request = request;
        this.done = done;
    }

    /**
     * The request to answer a refusal with before its body is read. Jetty's error answer consumes what has arrived
     * and, short of the end, marks the rest of the body as failed: a later read gets that failure, so nothing would
     * be left to drop and the connection would close under the client's writes. The answer still says
     * {@code Connection: close}; the discard reads the rest.
     */
    static Request unread(Request request) {
        return new Request.Wrapper(request) {
            @Override
            public boolean consumeAvailable() {
                return false;
            }
        };
    }

    void start() {
        if (request.getLength() > SlowClientGuard.DISCARD_BYTES) {
            done.succeeded(); // more than would ever be dropped: close now rather than after reading the most of it
            return;
        }
        run();
    }

    /** Drops what has arrived; called again by Jetty (on a pool thread) when more arrives or the connection idles. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
            dropped += chunk.remaining();
            chunk.release();
            if (last || dropped > SlowClientGuard.DISCARD_BYTES
                    || NanoTime.since(begin) > SlowClientGuard.DISCARD_TIME.toNanos()) {
                done.succeeded();
                return;
            }
        }
    }
}
