package dev.touchmark.keys;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Json;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.Map;

/** HTTP for signing keys and the public JWKS. */
public final class KeyController {
    private final KeyService keys;
    private final Json json;

    public KeyController(KeyService keys, Json json) {
        this.keys = keys;
        this.json = json;
    }

    /** A key as the API shows it. */
    public record KeyView(String kid, String shortKid, String status, OffsetDateTime createdAt,
                          OffsetDateTime retiredAt, OffsetDateTime revokedAt, Map<String, Object> jwk) {
        static KeyView of(SigningKey key) {
            return new KeyView(key.kid(), key.shortKid(), key.status().id(), key.createdAt(), key.retiredAt(),
                    key.revokedAt(), Jwks.jwk(key));
        }
    }

    /** Body of a revocation. */
    public record RevokeRequest(String reason) {
    }

    public void list(Context ctx) {
        ctx.json(Map.of("items", keys.list(ApiAuth.principal(ctx).brandId()).stream().map(KeyView::of).toList()));
    }

    public void rotate(Context ctx) {
        ctx.status(201).json(KeyView.of(keys.rotate(ApiAuth.principal(ctx).brandId())));
    }

    public void revoke(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        String reason = json.isEmpty(ctx) ? null : json.read(ctx, RevokeRequest.class).reason();
        ctx.json(KeyView.of(keys.revoke(brandId, ctx.pathParam("kid"), reason)));
    }

    /** GET /.well-known/jwks.json: public, CORS open, briefly cacheable. */
    public void jwks(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/jwk-set+json").result(jsonText(Jwks.document(keys.published(), keys.revokedKids())));
    }

    private String jsonText(Object value) {
        try {
            return json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
