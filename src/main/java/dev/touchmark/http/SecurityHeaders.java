package dev.touchmark.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * Headers every answer carries: HSTS when the public URL is https, so browsers never again try plain HTTP; and
 * {@code Cache-Control: no-store} on the brand API, so that no shared or browser cache keeps a brand's data. A handler
 * that knows better (none under /api/v1 today) may still set its own.
 */
public final class SecurityHeaders implements Handler {
    static final String HSTS = "max-age=31536000";
    private final boolean https;

    public SecurityHeaders(String publicUrl) {
        this.https = publicUrl != null && publicUrl.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    @Override
    public void handle(Context ctx) {
        if (https) {
            ctx.header("Strict-Transport-Security", HSTS);
        }
        if (ctx.path().startsWith("/api/v1/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
