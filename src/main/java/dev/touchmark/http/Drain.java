package dev.touchmark.http;

import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown at the HTTP edge: once draining, new requests get 503 with {@code Connection: close}, and
 * {@link #drain} waits for the requests already admitted (including asynchronous verifications waiting for the scan
 * log) to be answered. Jetty's own stop does not wait for them, so without this a shutdown cuts answers off.
 *
 * <p>A request counts as answered once Jetty has finished writing its answer, not when its handlers are done: Javalin
 * writes an answer after its after-handlers, and a drain that ended there let Jetty's stop cut a verification's answer
 * off, so that a shopper whose scan was recorded got a 500 (ScanDurabilityIT's SIGTERM test, about one run in three).
 * Jetty's own graceful stop cannot do this here: it would also wait for the live streams' connections.
 */
public final class Drain {
    private static final String ADMITTED = "touchmark.admitted";
    /** Marks a request whose end Jetty reports (see {@link #before}); {@link #after} then leaves the count alone. */
    private static final String TRACKED = "touchmark.tracked";
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> streams;
    private final AnswerWritten written;
    private volatile boolean draining;

    /** Tells when Jetty has finished writing a request's answer. */
    interface AnswerWritten {
        /** Arranges for {@code done} to run once, when the answer is written or the exchange failed; false if it cannot. */
        boolean whenWritten(Context ctx, Runnable done);
    }

    /** Jetty completes a request's stream once its answer is written (or the exchange failed). */
    private static final AnswerWritten JETTY = (ctx, done) -> {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return false;
        }
        request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            @Override
            public void succeeded() {
                try {
                    super.succeeded();
                } finally {
                    done.run();
                }
            }

            @Override
            public void failed(Throwable failure) {
                try {
                    super.failed(failure);
                } finally {
                    done.run();
                }
            }
        });
        return true;
    };

    /** {@code streams}: paths of long-lived streams (server-sent events), not waited for. */
    public Drain(Set<String> streams) {
        this(streams, JETTY);
    }

    Drain(Set<String> streams, AnswerWritten written) {
        this.streams = streams;
        this.written = written;
    }

    /** Before every request: admits it, or refuses it once draining. */
    public void before(Context ctx) {
        if (streams.contains(ctx.path())) {
            return;
        }
        // Count first, then look: a request drain() does not see counted sees the flag.
        inFlight.incrementAndGet();
        if (draining) {
            inFlight.decrementAndGet();
            ctx.header("Connection", "close");
            ctx.header("Retry-After", "5");
            throw new ServiceUnavailableResponse("the server is shutting down; try again");
        }
        ctx.attribute(ADMITTED, Boolean.TRUE);
        if (written.whenWritten(ctx, inFlight::decrementAndGet)) {
            ctx.attribute(TRACKED, Boolean.TRUE);
        }
    }

    /** After every request (after an asynchronous answer completes): counts it answered if Jetty does not. */
    public void after(Context ctx) {
        if (ctx.attribute(ADMITTED) != null && ctx.attribute(TRACKED) == null) {
            inFlight.decrementAndGet();
        }
    }

    /** Stops admitting requests and waits up to {@code timeout} for admitted ones; true if they all finished. */
    public boolean drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Requests admitted and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }
}
