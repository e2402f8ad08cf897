package dev.touchmark.shopper;

import dev.touchmark.http.Params;
import dev.touchmark.i18n.Lang;
import io.javalin.http.Context;

/** HTTP for the root page, GET /. */
public final class HomeController {
    /** GET /: the home page in the reader's language (?lang=, else Accept-Language). */
    public void page(Context ctx) {
        Lang lang = Params.lang(ctx);
        ctx.header("Content-Security-Policy", HomePage.CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("Vary", "Accept-Language")
                .header("Cache-Control", "no-cache");
        ctx.html(HomePage.render(lang, "/?lang=" + lang.other().param()));
    }
}
