package dev.touchmark.brand;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.http.Json;
import io.javalin.http.Context;

/** HTTP for a brand's verification pages: its settings (dashboard and API) and the public logo files. */
public final class BrandingController {
    private static final String LOGO_SUFFIX = ".png";
    private final BrandingService branding;
    private final Json json;

    public BrandingController(BrandingService branding, Json json) {
        this.branding = branding;
        this.json = json;
    }

    /** GET /api/v1/brand/branding. */
    public void get(Context ctx) {
        ctx.json(branding.get(ApiAuth.principal(ctx).brandId()));
    }

    /** PUT /api/v1/brand/branding: name, colour and links. */
    public void change(Context ctx) {
        ctx.json(branding.change(ApiAuth.principal(ctx), json.read(ctx, BrandingService.Change.class)));
    }

    /** PUT /api/v1/brand/logo: the image file as the body (PNG, JPEG or GIF). */
    public void changeLogo(Context ctx) {
        ctx.json(branding.changeLogo(ApiAuth.principal(ctx), ctx.bodyAsBytes()));
    }

    /** DELETE /api/v1/brand/logo. */
    public void removeLogo(Context ctx) {
        ctx.json(branding.removeLogo(ApiAuth.principal(ctx)));
    }

    /** GET /logos/{file}: a logo by the SHA-256 of its bytes, public like the pages that show it, cached for good. */
    public void logo(Context ctx) {
        String file = ctx.pathParam("file");
        String sha = file.endsWith(LOGO_SUFFIX) ? file.substring(0, file.length() - LOGO_SUFFIX.length()) : "";
        byte[] png = branding.logo(sha).orElseThrow(() -> new NotFoundException("no such logo"));
        ctx.header("Cache-Control", "public, max-age=31536000, immutable").header("X-Content-Type-Options", "nosniff")
                .contentType("image/png").result(png);
    }
}
