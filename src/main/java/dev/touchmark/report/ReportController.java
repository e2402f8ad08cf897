package dev.touchmark.report;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for a brand reading its shoppers' reports. */
public final class ReportController {
    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<ShopperReport> page = reports.list(ApiAuth.principal(ctx).brandId(), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }
}
