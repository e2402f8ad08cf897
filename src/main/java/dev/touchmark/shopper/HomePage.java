package dev.touchmark.shopper;

import static dev.touchmark.shopper.Html.escape;
import static dev.touchmark.shopper.Messages.*;

import dev.touchmark.i18n.Lang;
import java.util.Objects;

/**
 * The page at the root of the server, the address the demo prints: what Touchmark is, the way to the scanner for
 * shoppers and to the dashboard for brand staff. The verdict pages' look, no script, no external resources.
 */
public final class HomePage {
    /** Its policy: the inline style sheet and nothing else. */
    public static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private HomePage() {
    }

    /** The page in one language; switchUrl is the same page in the other language. */
    public static String render(Lang lang, String switchUrl) {
        Objects.requireNonNull(lang, "lang");
        String other = lang.other().tag();
        String languageSwitch = "<a class=\"lang\" href=\"" + escape(switchUrl) + "\" hreflang=\"" + other
                + "\" lang=\"" + other + "\">" + escape(SWITCH_LANGUAGE.in(lang)) + "</a>";
        String main = Html.tag("h1", HOME_TITLE.in(lang)) + Html.tag("p", HOME_INTRO.in(lang))
                + "<section class=\"card\" aria-labelledby=\"check\"><h2 id=\"check\">"
                + escape(HOME_SCAN_HEADING.in(lang)) + "</h2>" + Html.tag("p", HOME_SCAN_TEXT.in(lang))
                + link("/scan?lang=" + lang.param(), HOME_SCAN_BUTTON.in(lang), "btn primary") + "</section>"
                + "<section class=\"card\" aria-labelledby=\"brands\"><h2 id=\"brands\">"
                + escape(HOME_BRANDS_HEADING.in(lang)) + "</h2>" + Html.tag("p", HOME_BRANDS_TEXT.in(lang))
                + link("/dashboard", HOME_DASHBOARD.in(lang), "btn secondary")
                + "<p><a href=\"/api/docs\">" + escape(HOME_API.in(lang)) + "</a></p></section>";
        return PageStyle.document(lang, HOME_TITLE.in(lang), Tone.BLUE, languageSwitch, main);
    }

    private static String link(String url, String text, String cssClass) {
        return "<p><a class=\"" + cssClass + "\" href=\"" + escape(url) + "\">" + escape(text) + "</a></p>";
    }
}
