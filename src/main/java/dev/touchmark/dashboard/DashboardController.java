package dev.touchmark.dashboard;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.BadRequest;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** HTTP for the dashboard's overview, map and code lookup (the same API integrators use). */
public final class DashboardController {
    /** The longest range of days a stats request may cover. */
    private static final int MAX_DAYS = 366;
    private final DashboardService dashboard;

    public DashboardController(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    public void overview(Context ctx) {
        ctx.json(dashboard.overview(ApiAuth.principal(ctx).brandId(), range(ctx).orElse(null)));
    }

    public void map(Context ctx) {
        ctx.header("Vary", "Accept-Language");
        long brandId = ApiAuth.principal(ctx).brandId();
        Optional<DashboardService.DayRange> range = range(ctx);
        ctx.json(range.isPresent() ? dashboard.map(brandId, range.get(), Params.lang(ctx))
                : dashboard.map(brandId, (int) Params.longOr(ctx, "days", 1, 366, 30), Params.lang(ctx)));
    }

    public void batches(Context ctx) {
        ctx.json(dashboard.batches(ApiAuth.principal(ctx).brandId(), range(ctx)
                .orElseThrow(() -> new BadRequest("query parameters 'from' and 'to' (YYYY-MM-DD, UTC, inclusive) are required"))));
    }

    /** The optional ?from=&to= days (UTC, both inclusive, at most 366 days); both or neither. */
    private static Optional<DashboardService.DayRange> range(Context ctx) {
        LocalDate from = day(ctx, "from");
        LocalDate to = day(ctx, "to");
        if (from == null && to == null) {
            return Optional.empty();
        }
        if (from == null || to == null) {
            throw new BadRequest("query parameters 'from' and 'to' go together");
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadRequest("'to' must be on or after 'from', at most " + MAX_DAYS + " days in all");
        }
        return Optional.of(new DashboardService.DayRange(from, to));
    }

    private static LocalDate day(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new BadRequest("query parameter '" + name + "' must be a day as YYYY-MM-DD");
        }
    }

    public void lookUp(Context ctx) {
        ctx.json(dashboard.lookUp(ApiAuth.principal(ctx).brandId(), ctx.queryParam("code")));
    }

    public void batchProgress(Context ctx) {
        ctx.json(dashboard.batchProgress(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "batch")));
    }
}
