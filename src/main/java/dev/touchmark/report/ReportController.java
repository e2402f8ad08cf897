package dev.touchmark.report;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.domain.Verdict;
import dev.touchmark.error.ValidationException;
import dev.touchmark.http.Page;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HTTP for a brand reading its shoppers' reports. */
public final class ReportController {
    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    public void list(Context ctx) {
        int limit = (int) Params.longOr(ctx, "limit", 1, 500, 100);
        List<ShopperReport> page = reports.list(ApiAuth.principal(ctx).brandId(), filter(ctx), limit,
                Params.optionalLong(ctx, "before", 1, Long.MAX_VALUE));
        ctx.json(new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null));
    }

    /** The filter of the report list (and its CSV export): from, to, batchId, verdict. */
    public static ReportFilter filter(Context ctx) {
        return new ReportFilter(Params.window(ctx), Optional.ofNullable(Params.optionalLong(ctx, "batchId", 1, Long.MAX_VALUE)),
                verdict(ctx));
    }

    /** The optional ?verdict= of the report and scan lists. */
    public static Optional<Verdict> verdict(Context ctx) {
        String raw = ctx.queryParam("verdict");
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(Verdict.values()).filter(v -> v.id().equals(raw.toLowerCase(Locale.ROOT))).findFirst()
                .map(Optional::of).orElseThrow(() -> ValidationException.of("verdict", "must be one of "
                        + String.join(", ", Arrays.stream(Verdict.values()).map(Verdict::id).toList())));
    }
}
