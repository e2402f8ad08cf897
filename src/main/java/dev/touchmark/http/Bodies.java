package dev.touchmark.http;

import dev.touchmark.App;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies read once per request into an array of exactly the announced length. Javalin's own reader copies
 * through an 8 KiB buffer and a growing stream for every body; on the verification path (bodies of about 200
 * bytes, thousands a second) that was needless garbage. Bodies without a length (chunked) go to Javalin's reader.
 */
public final class Bodies {
    private static final String CACHED = "touchmark.body";

    private Bodies() {
    }

    /** The request body; 413 above {@link App#MAX_REQUEST_BYTES}. */
    public static byte[] bytes(Context ctx) {
        byte[] cached = ctx.attribute(CACHED);
        if (cached != null) {
            return cached;
        }
        long length = ctx.req().getContentLengthLong();
        byte[] body;
        if (length < 0) {
            body = ctx.bodyAsBytes();
        } else if (length > App.MAX_REQUEST_BYTES) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), HttpStatus.CONTENT_TOO_LARGE.getMessage());
        } else {
            try (InputStream in = ctx.req().getInputStream()) {
                body = in.readNBytes((int) length);
            } catch (IOException e) {
                // The client went away, or stopped sending before the length it announced.
                throw new BadRequest("the request body ended before the length given in Content-Length");
            }
            if (body.length < length) {
                throw new BadRequest("the request body ended before the length given in Content-Length");
            }
        }
        ctx.attribute(CACHED, body);
        return body;
    }
}
