package dev.touchmark.http;

import dev.touchmark.access.ApiKeyService;
import dev.touchmark.access.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** Authenticates /api/v1 requests by bearer API key and leaves the Principal on the context. */
public final class ApiAuth implements Handler {
    private static final String ATTRIBUTE = "touchmark.principal";
    /** API paths open to anyone (rate-limited instead). */
    private static final java.util.Set<String> PUBLIC_PATHS = java.util.Set.of("/api/v1/verify");
    /** A shopper adding a location to their own scan: authorised by the device cookie, not an API key. */
    private static final java.util.regex.Pattern SHOPPER_LOCATION = java.util.regex.Pattern.compile("^/api/v1/scans/[^/]+/location$");
    private final ApiKeyService apiKeys;

    public ApiAuth(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void handle(Context ctx) {
        if (PUBLIC_PATHS.contains(ctx.path()) || SHOPPER_LOCATION.matcher(ctx.path()).matches()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("send an API key as 'Authorization: Bearer <key>'");
        }
        Principal principal = apiKeys.authenticate(header.substring(7).strip())
                .orElseThrow(() -> new Unauthorized("the API key is not valid or has been revoked"));
        ctx.attribute(ATTRIBUTE, principal);
    }

    /** The authenticated caller of this request. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new Unauthorized("send an API key as 'Authorization: Bearer <key>'");
        }
        return principal;
    }
}
