package dev.touchmark.metrics;

import dev.touchmark.http.Problem;

import dev.touchmark.db.Database;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** GET /healthz (liveness) and GET /readyz (readiness: database answers and migrations are all applied). */
public final class HealthController {
    private final Database database;

    public HealthController(Database database) {
        this.database = database;
    }

    public void health(Context ctx) {
        boolean up = database.isReachable();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "database unreachable"));
    }

    public void ready(Context ctx) {
        Optional<String> reason = database.notReadyReason();
        if (reason.isEmpty()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            Problem.write(ctx, 503, "Not ready", reason.get());
        }
    }
}
