package dev.touchmark.verify;

import static dev.touchmark.verify.Html.escape;
import static dev.touchmark.verify.Messages.*;

import dev.touchmark.i18n.Lang;

/**
 * The "report a problem" form: plain HTML that posts place, seller, comment and the scan id. Prominent (open,
 * outlined, primary button) for every verdict but GENUINE, where it is folded into a details element.
 */
final class ReportForm {
    static final int MAX_PLACE = 200;
    static final int MAX_SELLER = 200;
    static final int MAX_COMMENT = 2000;

    private ReportForm() {
    }

    static String prominent(String scanId, Lang lang, String action) {
        return "<section class=\"card report prominent\" aria-labelledby=\"report\"><h2 id=\"report\">"
                + escape(REPORT_HEADING.in(lang)) + "</h2>" + form(scanId, lang, action, "primary") + "</section>";
    }

    static String secondary(String scanId, Lang lang, String action) {
        return "<section class=\"card report\"><details><summary>" + escape(REPORT_HEADING.in(lang))
                + "</summary>" + form(scanId, lang, action, "secondary") + "</details></section>";
    }

    private static String form(String scanId, Lang lang, String action, String buttonStyle) {
        return Html.tag("p", REPORT_INTRO.in(lang))
                + "<form method=\"post\" action=\"" + escape(action) + "\" accept-charset=\"UTF-8\">"
                + hidden("scanId", scanId) + hidden("lang", lang == Lang.ZH ? "zh" : "en")
                + label("report-place", REPORT_PLACE.in(lang))
                + "<input type=\"text\" id=\"report-place\" name=\"place\" maxlength=\"" + MAX_PLACE
                + "\" autocomplete=\"off\">"
                + label("report-seller", REPORT_SELLER.in(lang))
                + "<input type=\"text\" id=\"report-seller\" name=\"seller\" maxlength=\"" + MAX_SELLER
                + "\" autocomplete=\"off\">"
                + label("report-comment", REPORT_COMMENT.in(lang))
                + "<textarea id=\"report-comment\" name=\"comment\" rows=\"4\" maxlength=\"" + MAX_COMMENT
                + "\"></textarea>"
                + "<button type=\"submit\" class=\"btn " + buttonStyle + "\">" + escape(REPORT_SEND.in(lang))
                + "</button></form>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String label(String forId, String text) {
        return "<label for=\"" + forId + "\">" + escape(text) + "</label>";
    }
}
