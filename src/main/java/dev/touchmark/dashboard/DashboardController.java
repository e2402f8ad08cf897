package dev.touchmark.dashboard;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Params;
import io.javalin.http.Context;

/** HTTP for the dashboard's overview, map and code lookup (the same API integrators use). */
public final class DashboardController {
    private final DashboardService dashboard;

    public DashboardController(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    public void overview(Context ctx) {
        ctx.json(dashboard.overview(ApiAuth.principal(ctx).brandId()));
    }

    public void map(Context ctx) {
        ctx.header("Vary", "Accept-Language");
        ctx.json(dashboard.map(ApiAuth.principal(ctx).brandId(), (int) Params.longOr(ctx, "days", 1, 366, 30), Params.lang(ctx)));
    }

    public void lookUp(Context ctx) {
        ctx.json(dashboard.lookUp(ApiAuth.principal(ctx).brandId(), ctx.queryParam("code")));
    }
}
