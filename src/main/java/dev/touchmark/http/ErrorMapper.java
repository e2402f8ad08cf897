package dev.touchmark.http;

import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into problem documents at the HTTP edge; unknown failures go out opaque and are logged. */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /** Registers the handlers. */
    public static void register(RoutesConfig routes) {
        routes.exception(ValidationException.class, (e, ctx) -> Problem.write(ctx, 400, "Invalid input", e.getMessage(),
                Map.of("errors", e.errors())));
        routes.exception(BadRequest.class, (e, ctx) -> Problem.write(ctx, 400, "Bad request", e.getMessage()));
        routes.exception(NotFoundException.class, (e, ctx) -> Problem.write(ctx, 404, "Not found", e.getMessage()));
        routes.exception(ConflictException.class, (e, ctx) -> Problem.write(ctx, 409, "Conflict", e.getMessage()));
        routes.exception(Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchmark\"");
            Problem.write(ctx, 401, "Unauthorized", e.getMessage());
        });
        routes.exception(Forbidden.class, (e, ctx) -> Problem.write(ctx, 403, "Forbidden", e.getMessage()));
        routes.exception(UnsupportedMediaType.class, (e, ctx) -> Problem.write(ctx, 415, titleFor(415), e.getMessage()));
        routes.exception(RateLimiter.TooManyRequests.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            Problem.write(ctx, 429, "Too many requests", e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> Problem.write(ctx, e.getStatus(),
                titleFor(e.getStatus()), e.getMessage()));
        routes.exception(Exception.class, ErrorMapper::unexpected);
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null) {
                Problem.write(ctx, 404, "Not found", "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, "*", ctx -> {
            if (ctx.result() == null) {
                Problem.write(ctx, 405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    private static void unexpected(Exception e, Context ctx) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                // Jetty could not read the request (a malformed multipart or form body, a body cut off before its
                // length or in the middle of a chunk, a bad chunk size): the client's fault.
                Problem.write(ctx, bad.getCode(), titleFor(bad.getCode()), "the request body could not be read: "
                        + (bad.getReason() == null ? "malformed" : bad.getReason()));
                return;
            }
            if (cause instanceof java.util.concurrent.TimeoutException) {
                // The client stopped sending its body and Jetty's idle timeout ran out.
                Problem.write(ctx, 408, titleFor(408), "the request body did not arrive in time");
                return;
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected failure on {} {} (incident {})", ctx.method(), ctx.path(), incident, e);
        Problem.write(ctx, 500, "Internal error", "something went wrong on our side; incident " + incident);
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
