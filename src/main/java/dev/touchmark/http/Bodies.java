package dev.touchmark.http;

import dev.touchmark.App;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * Request bodies read once per request into an array of exactly the announced length. Javalin's own reader copies
 * through an 8 KiB buffer and a growing stream for every body; on the verification path (bodies of about 200
 * bytes, thousands a second) that was needless garbage. Bodies without a length (chunked) or announcing more
 * than 16 KiB go to Javalin's reader.
 */
public final class Bodies {
    private static final String CACHED = "touchmark.body";
    /** Bodies announced up to this size are read into an array of their length (API bodies are far smaller). */
    private static final long PREALLOCATED_AT_MOST = 16 * 1024;

    private Bodies() {
    }

    /** The request body; 413 above the limit of {@link App#MAX_REQUEST_BYTES} (from Javalin's reader). */
    public static byte[] bytes(Context ctx) {
        byte[] cached = ctx.attribute(CACHED);
        if (cached != null) {
            return cached;
        }
        long length = ctx.req().getContentLengthLong();
        byte[] body;
        if (length < 0 || length > PREALLOCATED_AT_MOST) {
            // Javalin's reader, which grows with what arrives: a client announcing a large body and sending nothing
            // must not make the server set aside that much memory. Above the limit it reads up to the limit before
            // answering 413, which lets Jetty drain the rest and keep the connection (refusing unread made clients
            // see resets instead of the 413).
            body = ctx.bodyAsBytes();
        } else {
            try {
                // Not closed: the container owns the request stream.
                body = ctx.req().getInputStream().readNBytes((int) length);
            } catch (IOException e) {
                // Cut off before the length it announced, or stalled (Jetty's idle timeout): ErrorMapper answers
                // Jetty's 4xx or the timeout as such; anything else is the client going away.
                if (isTimeout(e)) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new BadRequest("the request body ended before the length given in Content-Length");
            }
            if (body.length < length) {
                throw new BadRequest("the request body ended before the length given in Content-Length");
            }
        }
        ctx.attribute(CACHED, body);
        return body;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
