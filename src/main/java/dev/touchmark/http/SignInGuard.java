package dev.touchmark.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Keeps other sites from signing a browser in (login CSRF): signing in has no session, hence no CSRF token, so the
 * request itself must show it came from our own page. It must be JSON, which a cross-site form cannot send without a
 * preflight; and a browser that says where it came from must say it came from here.
 */
public final class SignInGuard {
    private final String publicOrigin;

    public SignInGuard(String publicUrl) {
        this.publicOrigin = origin(publicUrl);
    }

    /** Throws UnsupportedMediaType or Forbidden unless the request may sign in. */
    public void check(Context ctx) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!"application/json".equals(mediaType)) {
            throw new UnsupportedMediaType("signing in takes a JSON body: send Content-Type: application/json");
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new Forbidden("signing in from another site is not allowed; open the dashboard at " + publicOrigin);
        }
        String origin = ctx.header("Origin");
        if (origin != null && !publicOrigin.equals(origin(origin))) {
            throw new Forbidden("signing in from another site is not allowed; open the dashboard at " + publicOrigin);
        }
    }

    /** scheme://host[:port], lower case, without a default port. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
