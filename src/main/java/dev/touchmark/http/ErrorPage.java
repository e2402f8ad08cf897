package dev.touchmark.http;

import dev.touchmark.i18n.Lang;

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
        return (path == null || !path.startsWith("/api/")) && Negotiation.prefersHtml(accept);
    }
}
