package dev.touchmark.shopper;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * What a decoded QR text is, seen from this installation: a URL on our own origin (scheme, host and port
 * compared case-insensitively, default ports implied), a URL elsewhere, or text that is not a web address.
 * web/scan.js applies the same rule in the browser.
 */
public sealed interface ScanTarget {
    /** One of our own URLs; pathAndQuery is safe to use as a relative redirect (one leading slash). */
    record Own(String pathAndQuery) implements ScanTarget {
    }

    /** An http(s) URL on another origin; never to be followed. */
    record Foreign(String url) implements ScanTarget {
    }

    /** Text that is not an http(s) URL. */
    record NotUrl(String text) implements ScanTarget {
    }

    /** Classifies decoded text against our public origin (as {@link #origin(String)} gives it). */
    static ScanTarget classify(String text, String ourOrigin) {
        Objects.requireNonNull(ourOrigin, "ourOrigin");
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return new NotUrl(t);
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            return new Foreign(t); // a malformed web address can never be one of ours
        }
        String origin = originOf(uri);
        if (origin == null || !origin.equals(ourOrigin) || uri.getRawUserInfo() != null) {
            return new Foreign(t);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // "//evil.example" or "/\evil.example" would leave the site as a relative redirect: keep one slash.
        path = "/" + path.replaceFirst("^[/\\\\]+", "");
        return new Own(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * The origin of a public URL as the browser's URL.origin writes it: lower-case scheme and host, the port
     * only when it is not the scheme's default. Throws IllegalArgumentException when url is not absolute http(s).
     */
    static String origin(String url) {
        try {
            String origin = originOf(new URI(url.strip()));
            if (origin == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
            }
            return origin;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /** host[:port] of an origin, for messages ("not to tm.example"). */
    static String hostOf(String origin) {
        return origin.substring(origin.indexOf("://") + 3);
    }

    private static String originOf(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
