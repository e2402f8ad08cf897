package dev.touchmark.shopper;

import dev.touchmark.http.Params;
import dev.touchmark.i18n.Lang;
import io.javalin.http.Context;

/** HTTP for the root page, GET /. */
public final class HomeController {
    /** Where a program that asked for JSON at the root goes next. */
    public record Links(String service, String scanner, String dashboard, String apiDocs, String openApi, String jwks) {
    }

    private static final Links LINKS = new Links("Touchmark", "/scan", "/dashboard", "/api/docs", "/api/openapi.yaml",
            "/.well-known/jwks.json");

    /** GET /: the home page in the reader's language (?lang=, else Accept-Language); its links as JSON to a program that asks for JSON. */
    public void page(Context ctx) {
        if (VerifyController.wantsJson(ctx)) {
            ctx.header("Vary", "Accept").header("Cache-Control", "no-cache");
            ctx.json(LINKS);
            return;
        }
        Lang lang = Params.lang(ctx);
        ctx.header("Content-Security-Policy", HomePage.CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("Vary", "Accept, Accept-Language")
                .header("Cache-Control", "no-cache");
        ctx.html(HomePage.render(lang, "/?lang=" + lang.other().param()));
    }
}
