package dev.touchmark.shopper;

import static dev.touchmark.shopper.Html.escape;
import static dev.touchmark.shopper.Messages.*;

import dev.touchmark.i18n.Lang;
import dev.touchmark.report.ReportService;
import java.util.Set;

/**
 * The "report a problem" form: plain HTML that posts place, seller, comment and the scan id. Prominent (open,
 * outlined, primary button) for every verdict but GENUINE, where it is folded into a details element.
 */
final class ReportForm {
    static final int MAX_PLACE = ReportService.MAX_PLACE;
    static final int MAX_SELLER = ReportService.MAX_SELLER;
    static final int MAX_COMMENT = ReportService.MAX_COMMENT;

    private ReportForm() {
    }

    /** What the shopper typed, shown again when a report is sent back to them. */
    record Values(String place, String seller, String comment) {
        static final Values EMPTY = new Values(null, null, null);
    }

    static String prominent(String scanId, Lang lang, String action) {
        return "<section class=\"card report prominent\" aria-labelledby=\"report\"><h2 id=\"report\">"
                + escape(REPORT_HEADING.in(lang)) + "</h2>" + Html.tag("p", REPORT_INTRO.in(lang))
                + form(scanId, lang, action, "primary", Values.EMPTY, Set.of(), null) + "</section>";
    }

    static String secondary(String scanId, Lang lang, String action) {
        return "<section class=\"card report\"><details><summary>" + escape(REPORT_HEADING.in(lang))
                + "</summary>" + Html.tag("p", REPORT_INTRO.in(lang))
                + form(scanId, lang, action, "secondary", Values.EMPTY, Set.of(), null) + "</details></section>";
    }

    /**
     * The form again, filled with what the shopper typed, each field named in invalid marked for assistive
     * technology and pointing at the message with id errorId.
     */
    static String retry(String scanId, Lang lang, String action, Values values, Set<String> invalid, String errorId) {
        return "<section class=\"card report prominent\" aria-labelledby=\"report\"><h2 id=\"report\">"
                + escape(REPORT_HEADING.in(lang)) + "</h2>"
                + form(scanId, lang, action, "primary", values, invalid, errorId) + "</section>";
    }

    // The line break after <textarea> is dropped by HTML parsers, so a comment starting with one keeps it.
    private static String form(String scanId, Lang lang, String action, String buttonStyle, Values values,
                               Set<String> invalid, String errorId) {
        return "<form method=\"post\" action=\"" + escape(action) + "\" accept-charset=\"UTF-8\">"
                + hidden("scanId", scanId) + hidden("lang", lang.param())
                + label("report-place", REPORT_PLACE.in(lang))
                + "<input type=\"text\" id=\"report-place\" name=\"place\" maxlength=\"" + MAX_PLACE
                + "\" autocomplete=\"off\"" + value(values.place()) + flag(invalid, "place", errorId) + ">"
                + label("report-seller", REPORT_SELLER.in(lang))
                + "<input type=\"text\" id=\"report-seller\" name=\"seller\" maxlength=\"" + MAX_SELLER
                + "\" autocomplete=\"off\"" + value(values.seller()) + flag(invalid, "seller", errorId) + ">"
                + label("report-comment", REPORT_COMMENT.in(lang))
                + "<textarea id=\"report-comment\" name=\"comment\" rows=\"4\" maxlength=\"" + MAX_COMMENT
                + "\"" + flag(invalid, "comment", errorId) + ">\n" + (values.comment() == null ? "" : escape(values.comment()))
                + "</textarea>"
                + "<button type=\"submit\" class=\"btn " + buttonStyle + "\">" + escape(REPORT_SEND.in(lang))
                + "</button></form>";
    }

    private static String value(String value) {
        return value == null ? "" : " value=\"" + escape(value) + "\"";
    }

    private static String flag(Set<String> invalid, String field, String errorId) {
        return invalid.contains(field) ? " aria-invalid=\"true\" aria-describedby=\"" + escape(errorId) + "\"" : "";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String label(String forId, String text) {
        return "<label for=\"" + forId + "\">" + escape(text) + "</label>";
    }
}
