package dev.touchmark.http;

import dev.touchmark.error.NotFoundException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the front end's own files (web/, at /assets/...) and WebJar files (at /webjars/...) from the
 * classpath, by explicit routes rather than a catch-all static handler, so no other path is touched: a file
 * name must match a strict pattern and exist, or the answer is 404.
 */
public final class AssetController {
    private static final Pattern ASSET = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg|png|json)$");
    private static final Pattern WEBJAR = Pattern.compile("^[a-z0-9][a-z0-9.-]{0,63}/[0-9][0-9A-Za-z.-]{0,31}/[A-Za-z0-9_./-]{1,200}$");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "json", "application/json", "map", "application/json");
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** GET /assets/{name}: a file of web/. */
    public void asset(Context ctx) {
        String name = ctx.pathParam("name");
        if (!ASSET.matcher(name).matches()) {
            throw new NotFoundException("no asset '" + Params.truncate(name) + "'");
        }
        serve(ctx, "web/" + name, "no-cache");
    }

    /** GET /webjars/{path}: a file of a WebJar (versioned, so cacheable for long). */
    public void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        if (!WEBJAR.matcher(path).matches() || path.contains("..")) {
            throw new NotFoundException("no such library file");
        }
        serve(ctx, "META-INF/resources/webjars/" + path, "public, max-age=86400");
    }

    private void serve(Context ctx, String resource, String cacheControl) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        byte[] bytes = type == null ? null : cache.computeIfAbsent(resource, AssetController::load).orElse(null);
        if (bytes == null) {
            throw new NotFoundException("no such file");
        }
        ctx.contentType(type).header("Cache-Control", cacheControl).header("X-Content-Type-Options", "nosniff")
                .result(bytes);
    }

    private static Optional<byte[]> load(String resource) {
        try (InputStream in = AssetController.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
