package dev.touchmark.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow and stalled clients from holding request threads. Jetty reads headers without a
 * thread, but the routes read bodies by blocking a request thread, so a few hundred clients trickling bodies took
 * every thread and verification stopped answering. Here, in front of every route:
 * <ul>
 *   <li>a body of up to {@link #READ_AHEAD_BYTES} (every API, verification and report body) is read in full, with
 *   no thread waiting for it, before a route sees the request; it must arrive within {@link #GRACE} plus its length
 *   at {@link #MIN_BYTES_PER_SECOND}, or the client gets 408 and the connection is closed;</li>
 *   <li>a larger body is read by its route as it arrives, but after the grace it must keep up that rate on average,
 *   or the read fails (408); on paths that do not take large bodies as a matter of course, at most a few such
 *   bodies are read at once, the next ones refused at once with 503 and unread;</li>
 *   <li>paths that take large bodies (the photo upload) cap their readers themselves, with an answer in the
 *   shopper's language.</li>
 * </ul>
 * docs/operations.md explains the figures.
 */
public final class SlowClientGuard extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);
    /** Bodies up to this size are read before any route runs (the largest report form is about 22 KB). */
    public static final int READ_AHEAD_BYTES = 64 * 1024;
    /** Time a body gets before the minimum rate applies: a phone's radio waking, a few lost packets resent. */
    public static final Duration GRACE = Duration.ofSeconds(10);
    /** The slowest average a body may arrive at after the grace, in bytes a second (a weak 2G link does 5,000). */
    public static final long MIN_BYTES_PER_SECOND = 500;
    /**
     * How much of a body its answer left unread (a refusal: too large, too many, rate-limited) is read and dropped
     * before the connection closes. A client that sends its whole body before it reads the answer (most HTTP
     * libraries) would otherwise see the connection reset instead of the answer.
     */
    static final long DISCARD_BYTES = 16L * 1024 * 1024;
    /** How long the rest of a refused body is dropped at most (a body that stalls, only until Jetty's idle timeout). */
    static final Duration DISCARD_TIME = Duration.ofSeconds(60);

    private final Set<String> largeBodyPaths;
    private final long maxBodyBytes;
    private final Semaphore largeBodies;

    /**
     * {@code largeBodyPaths}: paths whose routes take bodies above {@link #READ_AHEAD_BYTES} and cap their readers
     * themselves; other paths refuse bodies above {@code maxBodyBytes} (413) and read at most
     * {@code largeBodiesAtOnce} bodies above {@link #READ_AHEAD_BYTES} at once (503).
     */
    public SlowClientGuard(Set<String> largeBodyPaths, long maxBodyBytes, int largeBodiesAtOnce) {
        this.largeBodyPaths = largeBodyPaths;
        this.maxBodyBytes = maxBodyBytes;
        this.largeBodies = new Semaphore(largeBodiesAtOnce);
    }

    @Override
    public boolean handle(Request request, Response response, Callback done) throws Exception {
        long length = announcedLength(request);
        if (length == 0) {
            return super.handle(request, response, done);
        }
        Callback callback = Callback.from(() -> new BodyDiscard(request, done).start(), done::failed);
        if (largeBodyPaths.contains(Request.getPathInContext(request))) {
            return super.handle(new PacedRequest(request, null), response, callback);
        }
        if (length > maxBodyBytes) {
            Response.writeError(BodyDiscard.unread(request), response, callback, 413, "the request body is larger than "
                    + maxBodyBytes + " bytes");
            return true;
        }
        if (length > READ_AHEAD_BYTES) {
            return large(request, response, callback, null);
        }
        new ReadAhead(request, response, callback, length).start();
        return true;
    }

    /** The announced body length; -1 for a chunked body (length unknown), 0 for none. */
    private static long announcedLength(Request request) {
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.TRANSFER_ENCODING && field.contains(HttpHeaderValue.CHUNKED.asString())) {
                return -1;
            }
        }
        return Math.max(0, request.getLength());
    }

    /** A body above the read-ahead size on an ordinary path: read by its route, paced, a few at once. */
    private boolean large(Request request, Response response, Callback callback, Content.Chunk prefix) throws Exception {
        if (!largeBodies.tryAcquire()) {
            if (prefix != null) {
                prefix.release();
            }
            Response.writeError(BodyDiscard.unread(request), response, callback, 503,
                    "too many large request bodies are arriving at once;"
                    + " try again in a few seconds");
            return true;
        }
        Callback releasing = Callback.from(callback, (Runnable) largeBodies::release);
        try {
            if (super.handle(new PacedRequest(request, prefix), response, releasing)) {
                return true;
            }
        } catch (Exception | Error e) {
            largeBodies.release();
            throw e;
        }
        largeBodies.release();
        return false;
    }

    static long nanosFor(long bytes) {
        return GRACE.toNanos() + bytes * 1_000_000_000L / MIN_BYTES_PER_SECOND;
    }

    private static void stopping(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        Response.writeError(request, response, callback, 503, "the server is stopping; try again");
    }

    /** Reads a small body as it arrives (demand callbacks, no thread waiting), then hands the request on. */
    private final class ReadAhead implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        /** The announced length, or -1 for a chunked body. */
        private final long announced;
        private final AtomicBoolean settled = new AtomicBoolean();
        private Scheduler.Task deadline;
        private byte[] body;
        private int size;

        ReadAhead(Request request, Response response, Callback callback, long announced) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.announced = announced;
        }

        void start() {
            long expected = announced < 0 ? READ_AHEAD_BYTES : announced;
            // Grown as bytes arrive: announcing a body and sending nothing must not make the server set memory aside.
            body = new byte[(int) Math.min(expected, 8 * 1024)];
            try {
                deadline = request.getComponents().getScheduler().schedule(this::expire, nanosFor(expected),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The server is stopping and its scheduler is gone: say so, as the drain does for requests it refuses.
                settled.set(true);
                stopping(request, response, callback);
                return;
            }
            run();
        }

        /** Reads what has arrived; called again by Jetty (on a pool thread) when more arrives. */
        @Override
        public void run() {
            while (!settled.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                ByteBuffer bytes = chunk.getByteBuffer();
                if (size + bytes.remaining() > body.length) {
                    body = Arrays.copyOf(body, Math.max(size + bytes.remaining(), Math.min(2 * body.length,
                            READ_AHEAD_BYTES)));
                }
                int n = bytes.remaining();
                bytes.get(body, size, n);
                size += n;
                chunk.release();
                if (last) {
                    if (settle()) {
                        handOn(new BufferedRequest(request, Content.Chunk.from(ByteBuffer.wrap(body, 0, size), true)));
                    }
                    return;
                }
                if (size > READ_AHEAD_BYTES) { // a chunked body larger than the read-ahead: the route reads the rest
                    if (settle()) {
                        overflow();
                    }
                    return;
                }
            }
        }

        private boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            deadline.cancel();
            return true;
        }

        private void expire() {
            if (settled.compareAndSet(false, true)) {
                Response.writeError(request, response, callback, 408, "the request body did not arrive in time");
            }
        }

        private void failed(Throwable failure) {
            if (!settle()) {
                return;
            }
            if (failure instanceof TimeoutException) {
                Response.writeError(request, response, callback, 408, "the request body did not arrive in time");
            } else if (failure instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                Response.writeError(request, response, callback, http.getCode(), "the request body could not be read: "
                        + http.getReason());
            } else if (!isRunning()) {
                stopping(request, response, callback); // the body was cut off as the server stops: not the client's fault
            } else {
                Response.writeError(request, response, callback, 400, "the request body could not be read");
            }
        }

        private void overflow() {
            Content.Chunk prefix = Content.Chunk.from(ByteBuffer.wrap(body, 0, size), false);
            try {
                if (!large(request, response, callback, prefix)) {
                    notHandled();
                }
            } catch (Throwable t) {
                failedDownstream(t);
            }
        }

        private void handOn(Request buffered) {
            try {
                if (!SlowClientGuard.super.handle(buffered, response, callback)) {
                    notHandled();
                }
            } catch (Throwable t) {
                failedDownstream(t);
            }
        }

        /*
         * The body arrived after the server began to stop: the routes behind may be stopped already, which is no fault
         * of the request. It gets the drain's answer (503, try again), not a 404 or a 500.
         */
        private void notHandled() {
            if (isRunning()) {
                Response.writeError(request, response, callback, 404);
            } else {
                stopping(request, response, callback);
            }
        }

        private void failedDownstream(Throwable t) {
            if (isRunning()) {
                // The routes behind failed outside their own error handling: answered 500 by Jetty, so say why here.
                LOG.warn("A request handed on after its body was read failed: {}", t.toString());
                Response.writeError(request, response, callback, t);
            } else {
                stopping(request, response, callback);
            }
        }
    }
}
