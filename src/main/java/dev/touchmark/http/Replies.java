package dev.touchmark.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Whole answers of the asynchronous verification path: serialised to bytes once and handed to Javalin, which
 * writes them when the request's future completes. (Writing to the response directly from the thread that
 * completes the future was measured to save garbage, but a fuzz run once saw one page land in another request's
 * response, so the response is only ever written by Javalin's own completion.)
 */
public final class Replies {
    private final Json json;

    public Replies(Json json) {
        this.json = json;
    }

    /** A JSON answer, serialised by the API's mapper. */
    public void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(json.mapper().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** An HTML page. */
    public void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page.getBytes(StandardCharsets.UTF_8));
    }
}
