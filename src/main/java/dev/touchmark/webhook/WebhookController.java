package dev.touchmark.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Json;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import dev.touchmark.webhook.WebhookRequests.CreatedEndpoint;
import dev.touchmark.webhook.WebhookRequests.EndpointChange;
import dev.touchmark.webhook.WebhookRequests.NewEndpoint;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP for a brand's webhook endpoints and their delivery log. */
public final class WebhookController {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private final WebhookService webhooks;
    private final Json json;

    public WebhookController(WebhookService webhooks, Json json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    public void create(Context ctx) {
        CreatedEndpoint created = webhooks.create(ApiAuth.principal(ctx).brandId(), json.read(ctx, NewEndpoint.class));
        // The endpoint's fields plus its secret, which is shown this once.
        Map<String, Object> body = json.mapper().convertValue(created.endpoint(), OBJECT);
        body.put("secret", created.secret());
        ctx.status(201).header("Location", "/api/v1/webhooks/" + created.endpoint().id()).json(body);
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<WebhookEndpoint> page = webhooks.list(ApiAuth.principal(ctx).brandId(), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    public void get(Context ctx) {
        ctx.json(webhooks.get(ApiAuth.principal(ctx).brandId(), id(ctx)));
    }

    public void update(Context ctx) {
        long brandId = ApiAuth.principal(ctx).brandId();
        long id = id(ctx);
        webhooks.get(brandId, id); // an unknown id answers 404 before the body is judged
        ctx.json(webhooks.update(brandId, id, json.read(ctx, EndpointChange.class)));
    }

    public void delete(Context ctx) {
        webhooks.delete(ApiAuth.principal(ctx).brandId(), id(ctx));
        ctx.status(204);
    }

    public void rotateSecret(Context ctx) {
        ctx.json(webhooks.rotateSecret(ApiAuth.principal(ctx).brandId(), id(ctx)));
    }

    public void test(Context ctx) {
        ctx.status(202).json(webhooks.sendTest(ApiAuth.principal(ctx).brandId(), id(ctx)));
    }

    public void deliveries(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<WebhookDelivery> page = webhooks.deliveries(ApiAuth.principal(ctx).brandId(), id(ctx), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    private static long id(Context ctx) {
        return Params.id(ctx, "id", "webhook endpoint");
    }
}
