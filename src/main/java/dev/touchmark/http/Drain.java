package dev.touchmark.http;

import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown at the HTTP edge: once draining, new requests get 503 with {@code Connection: close}, and
 * {@link #drain} waits for the requests already admitted (including asynchronous verifications waiting for the scan
 * log) to be answered. Jetty's own stop does not wait for them, so without this a shutdown cuts answers off.
 */
public final class Drain {
    private static final String ADMITTED = "touchmark.admitted";
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> streams;
    private volatile boolean draining;

    /** {@code streams}: paths of long-lived streams (server-sent events), not waited for. */
    public Drain(Set<String> streams) {
        this.streams = streams;
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
    }

    /** After every request (after an asynchronous answer completes). */
    public void after(Context ctx) {
        if (ctx.attribute(ADMITTED) != null) {
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
