package dev.touchmark.periodic;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.access.Principal;
import dev.touchmark.http.Json;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for a brand's regular reports and its report schedule. */
public final class PeriodicReportController {
    private final PeriodicReportService reports;
    private final Json json;

    public PeriodicReportController(PeriodicReportService reports, Json json) {
        this.reports = reports;
        this.json = json;
    }

    /** Body of POST /api/v1/periodic-reports: the period's kind and first day. */
    public record GenerateRequest(String kind, String start) {
    }

    /** Body of PUT /api/v1/periodic-reports/schedule. */
    public record ScheduleRequest(Boolean weekly, Boolean monthly) {
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<PeriodicReport> page = reports.list(ApiAuth.principal(ctx).brandId(), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? Long.parseLong(page.get(page.size() - 1).id()) : null));
    }

    /** 201 with a report this request generated, 200 with the one the brand had, 202 while another node generates it. */
    public void generate(Context ctx) {
        GenerateRequest request = json.read(ctx, GenerateRequest.class);
        PeriodicReportService.Requested requested = reports.request(ApiAuth.principal(ctx), request.kind(), request.start());
        PeriodicReport report = requested.report();
        boolean ready = PeriodicReport.READY.equals(report.status());
        ctx.status(!ready ? 202 : requested.created() ? 201 : 200);
        ctx.header("Location", "/api/v1/periodic-reports/" + report.id());
        ctx.json(report);
    }

    public void get(Context ctx) {
        ctx.json(reports.get(ApiAuth.principal(ctx).brandId(), Params.id(ctx, "id", "report")));
    }

    public void pdf(Context ctx) {
        long id = Params.id(ctx, "id", "report");
        byte[] pdf = reports.pdf(ApiAuth.principal(ctx).brandId(), id);
        download(ctx, "application/pdf", "touchmark-report-" + id + ".pdf", pdf);
    }

    public void csv(Context ctx) {
        long id = Params.id(ctx, "id", "report");
        byte[] csv = reports.csv(ApiAuth.principal(ctx).brandId(), id);
        download(ctx, "text/csv; charset=utf-8", "touchmark-report-" + id + ".csv", csv);
    }

    private static void download(Context ctx, String type, String name, byte[] body) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "private, no-store");
        ctx.result(body);
    }

    public void schedule(Context ctx) {
        ctx.json(reports.schedule(ApiAuth.principal(ctx).brandId()));
    }

    public void changeSchedule(Context ctx) {
        ScheduleRequest request = json.read(ctx, ScheduleRequest.class);
        Principal principal = ApiAuth.principal(ctx);
        ctx.json(reports.changeSchedule(principal, request.weekly(), request.monthly()));
    }
}
