package dev.touchmark.http;

import dev.touchmark.db.Database;
import io.javalin.http.Context;
import java.util.Map;

/** GET /healthz: 200 when the database answers, 503 otherwise. */
public final class HealthController {
    private final Database database;

    public HealthController(Database database) {
        this.database = database;
    }

    public void health(Context ctx) {
        boolean up = database.isReachable();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "database unreachable"));
    }
}
