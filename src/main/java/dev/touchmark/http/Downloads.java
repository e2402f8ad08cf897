package dev.touchmark.http;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Answers that are files to save: their headers, and how a file cut off halfway ends. */
public final class Downloads {
    private Downloads() {
    }

    /** Headers of a file the browser saves under a name (plain ASCII: letters, digits, '.', '-' and '_'). */
    public static void attachment(Context ctx, String contentType, String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        ctx.contentType(contentType).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    /**
     * Breaks off an answer whose body is under way: the connection is reset instead of the body ending normally, so the
     * client sees a failed download (chunked encoding without its last chunk), never a short file that looks whole.
     */
    public static void abort(Context ctx, Throwable cause) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getServletChannel().abort(cause);
        }
    }
}
