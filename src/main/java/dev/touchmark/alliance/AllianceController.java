package dev.touchmark.alliance;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.http.Params;
import io.javalin.http.Context;

/** HTTP for a brand's alliances: list them, and answer invitations. */
public final class AllianceController {
    private final AllianceService alliances;

    public AllianceController(AllianceService alliances) {
        this.alliances = alliances;
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
}
