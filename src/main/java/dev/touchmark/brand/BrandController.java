package dev.touchmark.brand;

import dev.touchmark.access.ApiAuth;
import io.javalin.http.Context;

/** HTTP for the caller's own brand. */
public final class BrandController {
    private final BrandService brands;

    public BrandController(BrandService brands) {
        this.brands = brands;
    }

    public void current(Context ctx) {
        ctx.json(brands.get(ApiAuth.principal(ctx).brandId()));
    }
}
