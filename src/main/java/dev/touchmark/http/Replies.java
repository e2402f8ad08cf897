package dev.touchmark.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a whole answer straight to the response. Javalin copies a result set with ctx.json or ctx.html
 * through a fresh 32 KB buffer per response, which was most of the garbage on the verification path; these
 * write the bytes once, with their length.
 */
public final class Replies {
    private final Json json;

    public Replies(Json json) {
        this.json = json;
    }

    /** A JSON answer, serialised by the API's mapper. */
    public void json(Context ctx, Object value) {
        try {
            write(ctx, "application/json", json.mapper().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An HTML page. */
    public void html(Context ctx, String page) {
        write(ctx, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Context ctx, String contentType, byte[] body) {
        ctx.contentType(contentType);
        ctx.res().setContentLength(body.length);
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
            throw new UncheckedIOException(e);
        }
    }
}
