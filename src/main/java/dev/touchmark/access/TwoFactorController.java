package dev.touchmark.access;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.http.Json;
import dev.touchmark.http.Params;
import dev.touchmark.http.RateLimiter;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;

/** HTTP for two-factor sign-in: a user's own enrolment and its end, and an admin's requirement and reset. */
public final class TwoFactorController {
    private final TwoFactorService twoFactor;
    private final Json json;

    public TwoFactorController(TwoFactorService twoFactor, Json json) {
        this.twoFactor = twoFactor;
        this.json = json;
    }

    /** Body of POST /api/v1/session/two-factor/confirm. */
    public record ConfirmRequest(String code) {
        @Override
        public String toString() {
            return "ConfirmRequest[REDACTED]";
        }
    }

    /** Body of POST /api/v1/session/two-factor/disable. */
    public record DisableRequest(String password, String code) {
        @Override
        public String toString() {
            return "DisableRequest[REDACTED]";
        }
    }

    /** The recovery codes of a confirmed enrolment, shown once. */
    public record RecoveryCodesView(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodesView[REDACTED]";
        }
    }

    /** Body of PUT /api/v1/users/two-factor and its answer. */
    public record PolicyRequest(Boolean required) {
    }

    /** The brand's requirement as the API shows it. */
    public record PolicyView(boolean required, OffsetDateTime changedAt, String changedBy) {
        static PolicyView of(TwoFactorService.Policy p) {
            return new PolicyView(p.required(), p.changedAt(), p.changedBy());
        }
    }

    public void status(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(twoFactor.status(user(ctx)));
    }

    public void begin(Context ctx) {
        TwoFactorService.Enrolment enrolment = twoFactor.begin(user(ctx));
        ctx.status(201).header("Cache-Control", "no-store").json(enrolment);
    }

    public void confirm(Context ctx) {
        User user = user(ctx);
        ConfirmRequest request = json.read(ctx, ConfirmRequest.class);
        ctx.header("Cache-Control", "no-store").json(new RecoveryCodesView(twoFactor.confirm(user, request.code())));
    }

    /** POST /api/v1/session/two-factor/recovery-codes: new recovery codes, shown this once. */
    public void renewRecoveryCodes(Context ctx) {
        User user = user(ctx);
        ConfirmRequest request = json.read(ctx, ConfirmRequest.class);
        List<String> codes;
        try {
            codes = twoFactor.renewRecoveryCodes(user, request.code());
        } catch (SessionService.SignInRefused e) {
            throw new RateLimiter.TooManyRequests(e.getMessage(), e.lockedForSeconds());
        }
        ctx.header("Cache-Control", "no-store").json(new RecoveryCodesView(codes));
    }

    public void disable(Context ctx) {
        User user = user(ctx);
        DisableRequest request = json.read(ctx, DisableRequest.class);
        try {
            twoFactor.disable(user, request.password(), request.code());
        } catch (SessionService.SignInRefused e) {
            throw new RateLimiter.TooManyRequests(e.getMessage(), e.lockedForSeconds());
        }
        ctx.status(204);
    }

    public void policy(Context ctx) {
        ctx.json(PolicyView.of(twoFactor.policy(ApiAuth.principal(ctx).brandId())));
    }

    public void changePolicy(Context ctx) {
        PolicyRequest request = json.read(ctx, PolicyRequest.class);
        Principal principal = ApiAuth.principal(ctx);
        ctx.json(PolicyView.of(twoFactor.setPolicy(principal.brandId(), request.required(), principal.actor())));
    }

    public void reset(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        twoFactor.reset(principal.brandId(), Params.id(ctx, "id", "user"), principal.actor());
        ctx.status(204);
    }

    private static User user(Context ctx) {
        return ApiAuth.session(ctx).map(SessionService.Current::user)
                .orElseThrow(() -> new NotFoundException("API keys have no two-factor sign-in; sign in to set up yours"));
    }
}
