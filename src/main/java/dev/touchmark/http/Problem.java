package dev.touchmark.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details, the body of every error answer. */
public final class Problem {
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    /** Writes a problem document with a status, a short title and a detail for this occurrence. */
    public static void write(Context ctx, int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", ctx.path());
        body.putAll(extensions);
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }

    /** Writes a problem document without extensions. */
    public static void write(Context ctx, int status, String title, String detail) {
        write(ctx, status, title, detail, Map.of());
    }
}
