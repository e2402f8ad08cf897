package dev.touchmark.access;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.http.Json;
import dev.touchmark.http.Params;
import dev.touchmark.http.RateLimiter;
import dev.touchmark.http.SignInGuard;
import dev.touchmark.http.Unauthorized;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;

/** HTTP for signing in and out, passwords, the brand's users and its API keys. */
public final class AccessController {
    private final SessionService sessions;
    private final UserService users;
    private final ApiKeyService apiKeys;
    private final RateLimiter signInLimit;
    private final java.util.function.Function<Context, String> clientKey;
    private final SignInGuard signInGuard;
    private final Json json;
    private final TwoFactorService twoFactor;

    public AccessController(SessionService sessions, UserService users, TwoFactorService twoFactor, ApiKeyService apiKeys,
                            RateLimiter signInLimit, java.util.function.Function<Context, String> clientKey,
                            SignInGuard signInGuard, Json json) {
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.users = users;
        this.apiKeys = apiKeys;
        this.signInLimit = signInLimit;
        this.clientKey = clientKey;
        this.signInGuard = signInGuard;
        this.json = json;
    }

    /** Body of POST /api/v1/session. */
    public record SignInRequest(String email, String password) {
        @Override
        public String toString() {
            return "SignInRequest[" + email + ", password=[REDACTED]]";
        }
    }

    /** Body of POST /api/v1/session/password. */
    public record PasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[REDACTED]";
        }
    }

    /** Body of POST /api/v1/session/second-factor. */
    public record SecondFactorRequest(String challenge, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "SecondFactorRequest[REDACTED]";
        }
    }

    /**
     * The signed-in user (or API key) as the dashboard needs it; mustEnrolTwoFactor when the brand requires
     * two-factor sign-in that this user has not turned on yet.
     */
    public record SessionView(String brandId, String actor, String role, UserView user, String csrfToken,
                              boolean mustEnrolTwoFactor) {
        static SessionView of(SessionService.Current s) {
            Principal p = s.principal();
            return new SessionView(Long.toString(p.brandId()), p.actor(), p.role().id(), UserView.of(s.user(), s.twoFactorEnabled()),
                    s.csrfToken(), s.mustEnrolTwoFactor());
        }
    }

    /** A right password whose sign-in waits for the second factor (POST /api/v1/session/second-factor). */
    public record SecondStepView(String secondFactor, String challenge, long expiresIn) {
    }

    /** A user without secrets. */
    public record UserView(String id, String email, String role, boolean mustChangePassword, boolean twoFactorEnabled,
                           OffsetDateTime createdAt) {
        static UserView of(User u, boolean twoFactorEnabled) {
            return new UserView(Long.toString(u.id()), u.email(), u.role().id(), u.mustChangePassword(), twoFactorEnabled,
                    u.createdAt());
        }
    }

    public void signIn(Context ctx) {
        signInGuard.check(ctx);
        signInLimit.acquire(clientKey.apply(ctx));
        SignInRequest request = json.read(ctx, SignInRequest.class);
        SessionService.SignInResult result = refusedAsHttp(() -> sessions.signIn(request.email(), request.password()));
        ctx.header("Cache-Control", "no-store");
        if (result instanceof SessionService.SecondStep step) {
            ctx.status(202).json(new SecondStepView("totp", step.challenge(), step.expiresIn().toSeconds()));
        } else {
            open(ctx, (SessionService.SignedIn) result);
        }
    }

    /** The second step of signing in: the challenge of a right password, and a TOTP code or a recovery code. */
    public void secondFactor(Context ctx) {
        signInGuard.check(ctx);
        signInLimit.acquire(clientKey.apply(ctx));
        SecondFactorRequest request = json.read(ctx, SecondFactorRequest.class);
        ctx.header("Cache-Control", "no-store");
        open(ctx, refusedAsHttp(() -> sessions.completeSignIn(request.challenge(), request.code(), request.recoveryCode())));
    }

    private void open(Context ctx, SessionService.SignedIn signedIn) {
        ctx.header("Set-Cookie", ApiAuth.SESSION_COOKIE + "=" + signedIn.token()
                + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + SessionService.LIFETIME.toSeconds());
        ctx.json(SessionView.of(sessions.authenticate(signedIn.token()).orElseThrow()));
    }

    private static <T> T refusedAsHttp(java.util.function.Supplier<T> signIn) {
        try {
            return signIn.get();
        } catch (SessionService.SignInRefused e) {
            if (e.lockedForSeconds() > 0) {
                throw new RateLimiter.TooManyRequests(e.getMessage(), e.lockedForSeconds());
            }
            throw new Unauthorized(e.getMessage());
        }
    }

    public void current(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(ApiAuth.session(ctx).map(SessionView::of)
                .orElse(new SessionView(Long.toString(principal.brandId()), principal.actor(), principal.role().id(), null, null,
                        false)));
    }

    public void signOut(Context ctx) {
        ApiAuth.session(ctx).ifPresent(sessions::signOut);
        ctx.header("Set-Cookie", ApiAuth.SESSION_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.status(204);
    }

    public void changePassword(Context ctx) {
        SessionService.Current session = ApiAuth.session(ctx)
                .orElseThrow(() -> new NotFoundException("API keys have no password; sign in to change yours"));
        PasswordRequest request = json.read(ctx, PasswordRequest.class);
        sessions.changePassword(session, request.currentPassword(), request.newPassword());
        ctx.status(204);
    }

    // Users (admin)

    /** Body of POST /api/v1/users and PATCH /api/v1/users/{id}. */
    public record UserRequest(String email, String role) {
    }

    /** A new user with the one-time password to hand them. */
    public record InvitedView(UserView user, String temporaryPassword) {
    }

    public void listUsers(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        java.util.Set<Long> enrolled = twoFactor.enabledUsers(brandId);
        ctx.json(users.list(brandId).stream().map(u -> UserView.of(u, enrolled.contains(u.id()))).toList());
    }

    public void invite(Context ctx) {
        UserRequest request = json.read(ctx, UserRequest.class);
        UserService.Invited invited = users.invite(ApiAuth.principal(ctx).brandId(), request.email(), request.role());
        ctx.status(201).header("Cache-Control", "no-store")
                .json(new InvitedView(UserView.of(invited.user(), false), invited.temporaryPassword()));
    }

    public void changeRole(Context ctx) {
        UserRequest request = json.read(ctx, UserRequest.class);
        long brandId = ApiAuth.principal(ctx).brandId();
        User changed = users.changeRole(brandId, Params.id(ctx, "id", "user"), request.role());
        ctx.json(UserView.of(changed, twoFactor.enabledUsers(brandId).contains(changed.id())));
    }

    public void removeUser(Context ctx) {
        users.remove(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "user"));
        ctx.status(204);
    }

    // API keys (admin)

    /** Body of POST /api/v1/api-keys. */
    public record ApiKeyRequest(String name, String role) {
    }

    /** An API key without its secret. */
    public record ApiKeyView(String id, String name, String role, String prefix, OffsetDateTime createdAt,
                             OffsetDateTime revokedAt, String key) {
    }

    public void listApiKeys(Context ctx) {
        List<ApiKeyView> keys = apiKeys.list(ApiAuth.principal(ctx).brandId()).stream()
                .map(k -> new ApiKeyView(Long.toString(k.id()), k.name(), k.role().id(), "tm_" + k.lookupId() + "_",
                        k.createdAt(), k.revokedAt(), null))
                .toList();
        ctx.json(keys);
    }

    public void createApiKey(Context ctx) {
        ApiKeyRequest request = json.read(ctx, ApiKeyRequest.class);
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw dev.touchmark.error.ValidationException.of("name", "is required, at most 100 characters");
        }
        Role role = request.role() == null ? Role.OPERATOR : Role.of(request.role()).orElseThrow(() ->
                dev.touchmark.error.ValidationException.of("role", "must be admin, operator or viewer"));
        ApiKeyService.IssuedApiKey issued = apiKeys.issue(ApiAuth.principal(ctx).brandId(), name, role);
        ctx.status(201).header("Cache-Control", "no-store").json(new ApiKeyView(Long.toString(issued.id()), name, role.id(),
                issued.prefix(), issued.createdAt(), null,
                issued.plaintext()));
    }

    public void revokeApiKey(Context ctx) {
        if (!apiKeys.revoke(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "API key"))) {
            throw new NotFoundException("no live API key " + ctx.pathParam("id") + " in this brand");
        }
        ctx.status(204);
    }
}
