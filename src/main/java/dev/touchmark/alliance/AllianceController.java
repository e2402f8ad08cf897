package dev.touchmark.alliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.BadRequest;
import dev.touchmark.http.Json;
import dev.touchmark.http.Params;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP for a brand's alliances: list them, answer invitations, read and change what the brand shares. */
public final class AllianceController {
    private final AllianceService alliances;
    private final SharingService sharing;
    private final IntelService intel;
    private final AllianceReports reports;
    private final Json json;
    private final Clock clock;

    public AllianceController(AllianceService alliances, SharingService sharing, IntelService intel, AllianceReports reports,
                              Json json, Clock clock) {
        this.reports = reports;
        this.clock = clock;
        this.alliances = alliances;
        this.sharing = sharing;
        this.intel = intel;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(alliances.forBrand(ApiAuth.principal(ctx).brandId()));
    }

    public void accept(Context ctx) {
        ctx.json(alliances.accept(ApiAuth.principal(ctx), Params.id(ctx, "id", "alliance")));
    }

    public void decline(Context ctx) {
        ctx.json(alliances.decline(ApiAuth.principal(ctx), Params.id(ctx, "id", "alliance")));
    }

    public void leave(Context ctx) {
        ctx.json(alliances.leave(ApiAuth.principal(ctx), Params.id(ctx, "id", "alliance")));
    }

    public void sharing(Context ctx) {
        ctx.json(sharing.settings(ApiAuth.principal(ctx), Params.id(ctx, "id", "alliance")));
    }

    public void changeSharing(Context ctx) {
        long allianceId = Params.id(ctx, "id", "alliance");
        ctx.json(sharing.change(ApiAuth.principal(ctx), allianceId, levels(json.read(ctx, JsonNode.class))));
    }

    /** GET intel: a page of the alliance's shared items (?class=, ?page=, ?per_page=). */
    public void intel(Context ctx) throws com.fasterxml.jackson.core.JsonProcessingException {
        long allianceId = Params.id(ctx, "id", "alliance");
        long brandId = ApiAuth.principal(ctx).brandId();
        if (wantsStix(ctx.header("Accept"))) {
            // The whole of what the brand may see, in one bundle: STIX clients import bundles, not pages.
            Alliance alliance = intel.alliance(brandId, allianceId);
            ctx.contentType(StixBundle.MEDIA_TYPE).result(json.mapper().writeValueAsString(
                    StixBundle.of(alliance, intel.allVisible(brandId, allianceId), clock.instant())));
            return;
        }
        ctx.json(intel.intel(brandId, allianceId, ctx.queryParam("class"),
                (int) Params.longOr(ctx, "page", 1, 1_000_000, 1),
                (int) Params.longOr(ctx, "per_page", 1, IntelService.MAX_PER_PAGE, 50)));
    }

    /** GET reports/{month}.pdf: the alliance's monthly report, for a member. */
    public void reportPdf(Context ctx) {
        report(ctx, "application/pdf", "pdf", AllianceReportFiles::pdf);
    }

    /** GET reports/{month}.csv: the same numbers as CSV. */
    public void reportCsv(Context ctx) {
        report(ctx, "text/csv; charset=utf-8", "csv", AllianceReportFiles::csv);
    }

    private void report(Context ctx, String type, String extension, java.util.function.Function<AllianceMonth, byte[]> writer) {
        long allianceId = Params.id(ctx, "id", "alliance");
        var month = AllianceReports.parseMonth(ctx.pathParam("month"));
        AllianceMonth report = reports.forMember(ApiAuth.principal(ctx).brandId(), allianceId, month);
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"touchmark-alliance-" + allianceId + "-" + month + "." + extension + "\"");
        ctx.result(writer.apply(report));
    }

    /** Whether an Accept header asks for STIX (application/stix+json, with any version parameter) before JSON. */
    static boolean wantsStix(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("application/stix+json");
    }

    /** The body as class to level; a value that is not a string is passed on as its JSON text, for the service to refuse. */
    private static Map<String, String> levels(JsonNode body) {
        if (!body.isObject()) {
            throw new BadRequest("the request body must be a JSON object of signal classes and levels");
        }
        Map<String, String> levels = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> levels.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return levels;
    }
}
