package dev.touchmark.http;

import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.i18n.Lang;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into problem documents at the HTTP edge, or readable pages for browsers; unknown failures go out
 * opaque and are logged.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /**
     * Registers the handlers; page renders the HTML a browser gets instead of problem JSON (see
     * {@link ErrorPage#wanted}).
     */
    public static void register(RoutesConfig routes, ErrorPage page) {
        Writer w = new Writer(page);
        routes.exception(ValidationException.class, (e, ctx) -> w.write(ctx, 400, "Invalid input", e.getMessage(),
                Map.of("errors", e.errors())));
        routes.exception(BadRequest.class, (e, ctx) -> w.write(ctx, 400, "Bad request", e.getMessage()));
        routes.exception(NotFoundException.class, (e, ctx) -> w.write(ctx, 404, "Not found", e.getMessage()));
        routes.exception(ConflictException.class, (e, ctx) -> w.write(ctx, 409, "Conflict", e.getMessage()));
        routes.exception(Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchmark\"");
            w.write(ctx, 401, "Unauthorized", e.getMessage());
        });
        routes.exception(Forbidden.class, (e, ctx) -> w.write(ctx, 403, "Forbidden", e.getMessage()));
        routes.exception(UnsupportedMediaType.class, (e, ctx) -> w.write(ctx, 415, titleFor(415), e.getMessage()));
        routes.exception(RateLimiter.TooManyRequests.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            w.write(ctx, 429, "Too many requests", e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> w.write(ctx, e.getStatus(),
                titleFor(e.getStatus()), e.getMessage()));
        routes.exception(Exception.class, w::unexpected);
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null) {
                w.write(ctx, 404, "Not found", "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, "*", ctx -> {
            if (ctx.result() == null) {
                w.write(ctx, 405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    /** Writes each error as problem JSON, or as the HTML page for a browser. */
    private record Writer(ErrorPage page) {
        void write(Context ctx, int status, String title, String detail) {
            write(ctx, status, title, detail, Map.of());
        }

        void write(Context ctx, int status, String title, String detail, Map<String, Object> extensions) {
            if (!ErrorPage.wanted(ctx.path(), ctx.header("Accept"))) {
                Problem.write(ctx, status, title, detail, extensions);
                return;
            }
            // A shopper needs no developer's detail; an incident id is worth quoting to support.
            String shown = status >= 500 ? detail : null;
            ctx.header("Content-Security-Policy", ErrorPage.CSP).header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "no-store").header("Vary", "Accept, Accept-Language");
            ctx.status(status).html(page.render(lang(ctx), status, shown));
        }

        private static Lang lang(Context ctx) {
            try {
                return Params.lang(ctx);
            } catch (RuntimeException unreadableQuery) {
                return Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
            }
        }

        void unexpected(Exception e, Context ctx) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                    // Jetty could not read the request (a malformed multipart or form body, a body cut off before
                    // its length or in the middle of a chunk, a bad chunk size): the client's fault.
                    write(ctx, bad.getCode(), titleFor(bad.getCode()), "the request body could not be read: "
                            + (bad.getReason() == null ? "malformed" : bad.getReason()));
                    return;
                }
                if (cause instanceof java.util.concurrent.TimeoutException) {
                    // The client stopped sending its body and Jetty's idle timeout ran out.
                    write(ctx, 408, titleFor(408), "the request body did not arrive in time");
                    return;
                }
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("Unexpected failure on {} {} (incident {})", ctx.method(), ctx.path(), incident, e);
            write(ctx, 500, "Internal error", "something went wrong on our side; incident " + incident);
        }
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> "Error";
        };
    }
}
