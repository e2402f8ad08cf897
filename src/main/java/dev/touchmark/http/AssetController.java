package dev.touchmark.http;

import dev.touchmark.error.NotFoundException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the front end's own files (web/, at /assets/...) and WebJar files (at /webjars/...) from the
 * classpath, by explicit routes rather than a catch-all static handler, so no other path is touched: a file
 * name must match a strict pattern and exist, or the answer is 404. The dashboard's page and modules (web/dashboard/)
 * are served at /dashboard and /dashboard/{name}; they and web/'s files revalidate by ETag, so a new release is seen
 * at once, and an unchanged file costs a 304. WebJar paths carry their library's version, so their files never change
 * and are cached for a year. Text files go out gzipped to clients that accept it ({@link Compression}); the ETags are
 * weak, as they name the content whatever its encoding.
 */
public final class AssetController {
    private static final Pattern ASSET = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg|png|json)$");
    private static final Pattern WEBJAR = Pattern.compile("^[a-z0-9][a-z0-9.-]{0,63}/[0-9][0-9A-Za-z.-]{0,31}/[A-Za-z0-9_./-]{1,200}$");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "json", "application/json", "map", "application/json");
    private static final Pattern DASHBOARD_FILE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg|json)$");
    /** The dashboard's own code only; camera for the code lookup; styles inline because uPlot and ECharts set them. */
    private static final String DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";
    /** Files of the build, once read; names that are not in the build are never kept, so this stays bounded. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    /** For files whose path names their version: a year, never revalidated. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** GET /assets/{name}: a file of web/. */
    public void asset(Context ctx) {
        String name = ctx.pathParam("name");
        if (!ASSET.matcher(name).matches()) {
            throw new NotFoundException("no asset '" + Params.truncate(name) + "'");
        }
        String resource = "web/" + name;
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        byte[] bytes = file(resource).orElseThrow(() -> new NotFoundException("no such file"));
        revalidated(ctx, resource, bytes, type);
    }

    /**
     * GET /favicon.ico: browsers ask for it by themselves for pages that name no icon (the verdict pages, which load
     * nothing but themselves); the answer is the SVG icon the other pages name (browsers go by its content).
     */
    public void favicon(Context ctx) {
        serve(ctx, "web/favicon.svg", "public, max-age=86400");
    }

    /** GET /webjars/{path}: a file of a WebJar (versioned, so cacheable for long). */
    public void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        if (!WEBJAR.matcher(path).matches() || path.contains("..")) {
            throw new NotFoundException("no such library file");
        }
        serve(ctx, "META-INF/resources/webjars/" + path, IMMUTABLE);
    }

    /** GET /api/docs: the API description in Swagger UI (from its WebJar; no internet needed). */
    public void apiDocs(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8").result(API_DOCS_PAGE);
    }

    /** GET /api/openapi.yaml: the API description itself. */
    public void openApi(Context ctx) {
        byte[] yaml = file("api/openapi.yaml")
                .orElseThrow(() -> new NotFoundException("the API description is not part of this build"));
        revalidated(ctx, "api/openapi.yaml", yaml, "application/yaml; charset=utf-8");
    }

    private static final String API_DOCS_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Touchmark API</title>
            <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/webjars/swagger-ui/5.34.1/swagger-ui.css">
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js"></script>
            <script src="/assets/api-docs.js"></script>
            </body>
            </html>
            """;

    /** GET /dashboard: the dashboard's single page (its routes are in the URL fragment). */
    public void dashboard(Context ctx) {
        byte[] page = file("web/dashboard/index.html")
                .orElseThrow(() -> new NotFoundException("the dashboard is not part of this build"));
        ctx.header("Content-Security-Policy", DASHBOARD_CSP).header("Permissions-Policy", "camera=(self)")
                .header("Referrer-Policy", "no-referrer");
        revalidated(ctx, "web/dashboard/index.html", page, "text/html; charset=utf-8");
    }

    /** GET /dashboard/{name}: a module, style sheet or data file of the dashboard. */
    public void dashboardFile(Context ctx) {
        String name = ctx.pathParam("name");
        if (!DASHBOARD_FILE.matcher(name).matches()) {
            throw new NotFoundException("no dashboard file '" + Params.truncate(name) + "'");
        }
        String resource = "web/dashboard/" + name;
        byte[] bytes = file(resource)
                .orElseThrow(() -> new NotFoundException("no dashboard file '" + name + "'"));
        revalidated(ctx, resource, bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
    }

    private void revalidated(Context ctx, String resource, byte[] bytes, String type) {
        String etag = etags.computeIfAbsent(resource, r -> etag(bytes));
        ctx.header("Cache-Control", "no-cache").header("ETag", etag).header("X-Content-Type-Options", "nosniff")
                .header("Vary", "Accept-Encoding");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(type).result(bytes);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when If-None-Match names the ETag (compared weakly, as RFC 9110 asks for If-None-Match) or is "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private void serve(Context ctx, String resource, String cacheControl) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        byte[] bytes = type == null ? null : file(resource).orElse(null);
        if (bytes == null) {
            throw new NotFoundException("no such file");
        }
        ctx.contentType(type).header("Cache-Control", cacheControl).header("X-Content-Type-Options", "nosniff")
                .header("Vary", "Accept-Encoding").result(bytes);
    }

    /** A file of the build (kept once read), or empty when the build has no such file (not kept). */
    Optional<byte[]> file(String resource) {
        byte[] known = files.get(resource);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> loaded = load(resource);
        loaded.ifPresent(bytes -> files.put(resource, bytes));
        return loaded;
    }

    /** How many files are kept (for tests of the bound). */
    int keptFiles() {
        return files.size();
    }

    private static Optional<byte[]> load(String resource) {
        try (InputStream in = AssetController.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
