package dev.touchmark.http;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;

/** A request whose body its route reads as it arrives, failing (408) once it falls below the minimum rate. */
final class PacedRequest extends Request.Wrapper {
    private final long begin = NanoTime.now();
    private Content.Chunk prefix;
    private Content.Chunk failure;
    private long received;

    /** {@code prefix}: what was already read of the body, given back first; or null. */
    PacedRequest(Request request, Content.Chunk prefix) {
        super(request);
        this.prefix = prefix;
        this.received = prefix == null ? 0 : prefix.remaining();
    }

    @Override
    public Content.Chunk read() {
        if (prefix != null) {
            Content.Chunk first = prefix;
            prefix = null;
            return first;
        }
        if (tooSlow()) {
            return failure;
        }
        Content.Chunk chunk = super.read();
        if (chunk != null) {
            received += chunk.remaining();
        }
        return chunk;
    }

    /** What its route left unread is dropped afterwards (BodyDiscard): reading on must not find it failed. */
    @Override
    public boolean consumeAvailable() {
        return false;
    }

    @Override
    public void demand(Runnable demandCallback) {
        if (prefix != null || tooSlow()) {
            demandCallback.run();
        } else {
            super.demand(demandCallback);
        }
    }

    private boolean tooSlow() {
        if (failure == null) {
            long late = NanoTime.since(begin) - SlowClientGuard.GRACE.toNanos();
            if (late > 0 && received < late * SlowClientGuard.MIN_BYTES_PER_SECOND / 1_000_000_000L) {
                failure = Content.Chunk.from(new TimeoutException("the request body arrived more slowly than "
                        + SlowClientGuard.MIN_BYTES_PER_SECOND + " bytes a second"));
            }
        }
        return failure != null;
    }
}
