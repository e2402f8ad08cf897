package dev.touchmark.mail;

import dev.touchmark.access.ApiAuth;
import dev.touchmark.access.SessionService;
import dev.touchmark.http.Forbidden;
import dev.touchmark.http.Json;
import io.javalin.http.Context;

/** HTTP for the signed-in user's choice of mail (GET and PUT /api/v1/session/notifications). */
public final class MailController {
    private final MailService mail;
    private final Json json;

    public MailController(MailService mail, Json json) {
        this.mail = mail;
        this.json = json;
    }

    /** Body of PUT /api/v1/session/notifications; a missing part keeps its value. */
    public record ChangeRequest(Boolean alerts, Boolean digest, String language) {
    }

    public void get(Context ctx) {
        SessionService.Current session = session(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(mail.get(session.user().brandId(), session.user().id()));
    }

    public void change(Context ctx) {
        SessionService.Current session = session(ctx);
        ChangeRequest request = json.read(ctx, ChangeRequest.class);
        ctx.json(mail.change(session.user().brandId(), session.user().id(), request.alerts(), request.digest(), request.language()));
    }

    private static SessionService.Current session(Context ctx) {
        return ApiAuth.session(ctx).orElseThrow(() -> new Forbidden(
                "mail is chosen by each person signed in to the dashboard; an API key has no mail of its own"));
    }
}
