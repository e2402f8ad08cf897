package dev.touchmark.http;

import java.util.Locale;

/**
 * The one rule for choosing between a page and JSON by the Accept header: the HTML types (text/html,
 * application/xhtml+xml) against the JSON types (application/json, any +json), by their quality, a tie going to the
 * one listed first. Wildcards count for neither; when neither is named, the route keeps its own kind (a verdict page
 * stays a page, an error stays problem JSON).
 */
public final class Negotiation {
    private static final int MAX_HEADER = 2000;
    private static final int MAX_RANGES = 50;

    private Negotiation() {
    }

    /** True when the header names an HTML type and prefers it to every JSON type. */
    public static boolean prefersHtml(String accept) {
        return compare(accept) > 0;
    }

    /** True when the header names a JSON type and prefers it to every HTML type. */
    public static boolean prefersJson(String accept) {
        return compare(accept) < 0;
    }

    /** Positive when HTML wins, negative when JSON wins, 0 when neither is named (or the header is unreadable). */
    private static int compare(String accept) {
        if (accept == null || accept.length() > MAX_HEADER) {
            return 0;
        }
        double html = 0;
        double json = 0;
        int htmlAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        String[] ranges = accept.split(",", -1);
        for (int i = 0; i < ranges.length && i < MAX_RANGES; i++) {
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
        if (html == 0 && json == 0) {
            return 0;
        }
        if (html != json) {
            return html > json ? 1 : -1;
        }
        return htmlAt < jsonAt ? 1 : -1;
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
