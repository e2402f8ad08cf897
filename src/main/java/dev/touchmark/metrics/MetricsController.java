package dev.touchmark.metrics;

import io.javalin.http.Context;

/** GET /metrics: Prometheus text format. Not under /api/v1 and not authenticated: keep it off the public network. */
public final class MetricsController {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Metrics metrics;

    public MetricsController(Metrics metrics) {
        this.metrics = metrics;
    }

    public void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }
}
