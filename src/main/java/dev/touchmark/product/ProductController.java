package dev.touchmark.product;

import dev.touchmark.access.Principal;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Json;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for products. */
public final class ProductController {
    private final ProductService products;
    private final Json json;

    public ProductController(ProductService products, Json json) {
        this.products = products;
        this.json = json;
    }

    public void create(Context ctx) {
        Principal principal = ApiAuth.principal(ctx);
        Product product = products.create(principal, json.read(ctx, NewProduct.class));
        ctx.status(201).header("Location", "/api/v1/products/" + product.id()).json(product);
    }

    public void get(Context ctx) {
        ctx.json(products.get(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "product")));
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<Product> page = products.list(ApiAuth.principal(ctx).brandId(), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }
}
