package dev.touchmark.access;

import dev.touchmark.http.Unauthorized;
import dev.touchmark.http.Forbidden;

import dev.touchmark.access.ApiKeyService;
import dev.touchmark.access.Principal;
import dev.touchmark.access.Role;
import dev.touchmark.access.SessionService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authenticates /api/v1 requests, by bearer API key (integrations) or by the dashboard's session cookie, and
 * leaves the Principal on the context. Changes made with a session must carry its CSRF token in X-CSRF-Token;
 * a user who must change their password, or enrol in two-factor sign-in that their brand requires, can do nothing
 * else first.
 */
public final class ApiAuth implements Handler {
    /** The session cookie: __Host- makes browsers insist on Secure, Path=/ and no Domain. */
    public static final String SESSION_COOKIE = "__Host-tm_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = "touchmark.principal";
    private static final String SESSION_ATTRIBUTE = "touchmark.session";
    /** API paths open to anyone (rate-limited instead). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/verify");
    /** Signing in: the password, then (with two-factor sign-in on) the second factor; no session yet. */
    private static final Set<String> SIGN_IN_PATHS = Set.of("/api/v1/session", "/api/v1/session/second-factor");
    /** A shopper adding a location to their own scan: authorised by the device cookie, not an API key. */
    private static final Pattern SHOPPER_LOCATION = Pattern.compile("^/api/v1/scans/[^/]+/location$");
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private final ApiKeyService apiKeys;
    private final SessionService sessions;

    public ApiAuth(ApiKeyService apiKeys, SessionService sessions) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
    }

    @Override
    public void handle(Context ctx) {
        if (PUBLIC_PATHS.contains(ctx.path()) || SHOPPER_LOCATION.matcher(ctx.path()).matches()
                || (SIGN_IN_PATHS.contains(ctx.path()) && ctx.method() == HandlerType.POST)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new Unauthorized("send an API key as 'Authorization: Bearer <key>'");
            }
            Principal principal = apiKeys.authenticate(header.substring(7).strip())
                    .orElseThrow(() -> new Unauthorized("the API key is not valid or has been revoked"));
            ctx.attribute(ATTRIBUTE, principal);
            return;
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null) {
            throw new Unauthorized("sign in, or send an API key as 'Authorization: Bearer <key>'");
        }
        SessionService.Current session = sessions.authenticate(cookie)
                .orElseThrow(() -> new Unauthorized("your session has ended; sign in again"));
        if (!SAFE.contains(ctx.method()) && !SessionService.sameToken(session.csrfToken(), ctx.header(CSRF_HEADER))) {
            throw new Forbidden("this change is missing its " + CSRF_HEADER + " header; reload the page and try again");
        }
        if (session.user().mustChangePassword() && !ctx.path().startsWith("/api/v1/session")) {
            throw new Forbidden("change your temporary password first (POST /api/v1/session/password)");
        }
        if (session.mustEnrolTwoFactor() && !ctx.path().startsWith("/api/v1/session")) {
            throw new Forbidden("your brand requires two-factor sign-in: turn it on first (POST /api/v1/session/two-factor)");
        }
        ctx.attribute(ATTRIBUTE, session.principal());
        ctx.attribute(SESSION_ATTRIBUTE, session);
    }

    /** The authenticated caller of this request. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new Unauthorized("sign in, or send an API key as 'Authorization: Bearer <key>'");
        }
        return principal;
    }

    /** The dashboard session of this request, if it came with one rather than an API key. */
    public static Optional<SessionService.Current> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    /** A handler that runs only for callers whose role includes the given one (403 otherwise). */
    public static Handler requires(Role role, Handler handler) {
        return ctx -> {
            Principal principal = principal(ctx);
            if (!principal.role().includes(role)) {
                throw new Forbidden("this needs the " + role.id() + " role; you are " + principal.role().id());
            }
            handler.handle(ctx);
        };
    }
}
