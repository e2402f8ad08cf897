package dev.touchmark.http;

import dev.touchmark.i18n.Lang;
import java.util.Locale;

/**
 * The readable HTML page a browser gets instead of a problem document: the same status, in the reader's language.
 * API clients (paths under /api/, or an Accept that does not prefer HTML to JSON) keep problem JSON.
 */
@FunctionalInterface
public interface ErrorPage {
    /**
     * The policy of error pages: their one inline style sheet, nothing else (no script, no form, no frame), so an
     * error page keeps the protection of the page that failed.
     */
    String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    /** A complete HTML document for a status; detail is an optional plain-text detail, or null. */
    String render(Lang lang, int status, String detail);

    /** Whether an error on this path, asked for with this Accept header, is answered as a page. */
    static boolean wanted(String path, String accept) {
        return (path == null || !path.startsWith("/api/")) && prefersHtml(accept);
    }

    /**
     * Whether an Accept header prefers HTML to JSON: text/html or application/xhtml+xml with a higher quality than
     * any JSON type, or the same quality and listed first. Wildcards count for neither, so {@code *}{@code /*}, a
     * missing header and {@code application/json} keep JSON; every browser's navigation prefers HTML.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.length() > 2000) {
            return false;
        }
        double html = 0;
        double json = 0;
        int htmlAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        String[] ranges = accept.split(",", -1);
        for (int i = 0; i < ranges.length && i < 50; i++) {
            String[] parts = ranges[i].split(";", -1); // never empty, whatever the header holds (";;;" too)
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                if (q > html) {
                    html = q;
                    htmlAt = Math.min(htmlAt, i);
                }
            } else if (type.equals("application/json") || type.endsWith("+json")) {
                if (q > json) {
                    json = q;
                    jsonAt = Math.min(jsonAt, i);
                }
            }
        }
        return html > 0 && (html > json || html == json && htmlAt < jsonAt);
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT);
            if (param.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(param.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
