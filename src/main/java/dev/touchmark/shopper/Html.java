package dev.touchmark.shopper;

import java.util.Locale;

/** HTML escaping and the small checks applied to untrusted values before they reach a page. */
final class Html {
    private static final int MAX_URL_CHARS = 2000;

    private Html() {
    }

    /** Escapes & < > " ' for element content and quoted attribute values; null becomes "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a brand-supplied image URL may be emitted: absolute http(s), no spaces or control characters. */
    static boolean isSafeImageUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return false;
        }
        return url.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
    }

    /**
     * Untrusted text for display: stripped, with control characters other than newlines removed, and cut to
     * at most max characters (with an ellipsis); null or blank gives null.
     */
    static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        text.strip().codePoints()
                .filter(c -> c == '\n' || !Character.isISOControl(c))
                .limit(max + 1L)
                .forEach(out::appendCodePoint);
        String result = out.toString().strip();
        if (result.isEmpty()) {
            return null;
        }
        if (result.codePointCount(0, result.length()) > max) {
            result = result.substring(0, result.offsetByCodePoints(0, max - 1)).strip() + "…";
        }
        return result;
    }

    /** An element with escaped text content: tag("p", "a<b") is &lt;p&gt;a&amp;lt;b&lt;/p&gt;. */
    static String tag(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    /** An element with a class and escaped text content. */
    static String tag(String name, String cssClass, String text) {
        return "<" + name + " class=\"" + cssClass + "\">" + escape(text) + "</" + name + ">";
    }
}
