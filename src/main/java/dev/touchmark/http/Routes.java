package dev.touchmark.http;

import dev.touchmark.alert.AlertController;
import dev.touchmark.batch.BatchController;
import dev.touchmark.brand.BrandController;
import dev.touchmark.keys.KeyController;
import dev.touchmark.label.LabelController;
import dev.touchmark.product.ProductController;
import dev.touchmark.report.ReportController;
import dev.touchmark.verify.ScanController;
import dev.touchmark.verify.VerifyController;
import dev.touchmark.webhook.WebhookController;
import io.javalin.config.RoutesConfig;

/** Every path of Touchmark in one table. */
public final class Routes {
    private Routes() {
    }

    /** The controllers the table points at. */
    public record Controllers(ApiAuth auth, HealthController health, BrandController brand, KeyController keys,
                              ProductController products, BatchController batches, LabelController labels,
                              VerifyController verify, ReportController reports, ScanController scan,
                              AssetController assets, WebhookController webhooks, AlertController alerts) {
    }

    /** Registers every route. */
    public static void register(RoutesConfig routes, Controllers c) {
        routes.get("/healthz", c.health()::health);
        routes.get("/.well-known/jwks.json", c.keys()::jwks);

        // What a shopper's phone opens: the compact profile, any case, and GS1 Digital Link.
        routes.get("/V/{payload}", c.verify()::page);
        routes.get("/v/{payload}", c.verify()::page);
        routes.get("/01/<rest>", c.verify()::page);
        routes.post("/report", c.verify()::report);
        routes.post("/api/v1/verify", c.verify()::api);
        routes.post("/api/v1/scans/{id}/location", c.verify()::location);

        // The in-browser scanner for phones whose camera app does not open links, and its photo fallback.
        routes.get("/scan", c.scan()::page);
        routes.get("/scan/upload", c.scan()::uploadForm);
        routes.post("/scan/upload", c.scan()::upload);
        routes.get("/assets/{name}", c.assets()::asset);
        routes.get("/webjars/<path>", c.assets()::webjar);

        routes.before("/api/v1/*", c.auth());
        routes.get("/api/v1/brand", c.brand()::current);

        routes.get("/api/v1/keys", c.keys()::list);
        routes.post("/api/v1/keys/rotate", c.keys()::rotate);
        routes.post("/api/v1/keys/{kid}/revoke", c.keys()::revoke);

        routes.get("/api/v1/products", c.products()::list);
        routes.post("/api/v1/products", c.products()::create);
        routes.get("/api/v1/products/{id}", c.products()::get);

        routes.get("/api/v1/batches", c.batches()::list);
        routes.post("/api/v1/batches", c.batches()::create);
        routes.get("/api/v1/batches/{id}", c.batches()::get);
        routes.get("/api/v1/batches/{id}/history", c.batches()::history);
        routes.post("/api/v1/batches/{id}/release", c.batches()::release);
        routes.post("/api/v1/batches/{id}/recall", c.batches()::recall);
        routes.post("/api/v1/batches/{id}/void", c.batches()::voidBatch);
        routes.get("/api/v1/batches/{id}/codes/{index}", c.batches()::code);
        routes.get("/api/v1/batches/{id}/codes/{index}/label.png", c.labels()::png);
        routes.get("/api/v1/batches/{id}/codes/{index}/label.svg", c.labels()::svg);
        routes.get("/api/v1/batches/{id}/labels", c.labels()::export);

        routes.get("/api/v1/reports", c.reports()::list);

        routes.get("/api/v1/alerts", c.alerts()::list);
        routes.get("/api/v1/alerts/{id}", c.alerts()::get);
        routes.post("/api/v1/alerts/{id}/status", c.alerts()::changeStatus);
        routes.get("/api/v1/rules", c.alerts()::getRules);
        routes.put("/api/v1/rules", c.alerts()::updateRules);
        routes.get("/api/v1/events", c.alerts().events());

        routes.get("/api/v1/webhooks", c.webhooks()::list);
        routes.post("/api/v1/webhooks", c.webhooks()::create);
        routes.get("/api/v1/webhooks/{id}", c.webhooks()::get);
        routes.patch("/api/v1/webhooks/{id}", c.webhooks()::update);
        routes.delete("/api/v1/webhooks/{id}", c.webhooks()::delete);
        routes.post("/api/v1/webhooks/{id}/rotate-secret", c.webhooks()::rotateSecret);
        routes.post("/api/v1/webhooks/{id}/test", c.webhooks()::test);
        routes.get("/api/v1/webhooks/{id}/deliveries", c.webhooks()::deliveries);

        ErrorMapper.register(routes);
    }
}
