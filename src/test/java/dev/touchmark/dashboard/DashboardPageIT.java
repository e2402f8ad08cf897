package dev.touchmark.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's files as the server hands them out (explicit routes, content types, revalidation, 404 problems),
 * and its promise of one API: every /api/v1 path its modules call is documented in docs/openapi.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageIT {
    private static final Path WEB = Path.of("web", "dashboard");
    private static final Pattern IMPORT = Pattern.compile("(?:from\\s+|import\\(\\s*|module:\\s*)'\\./([a-z0-9-]+\\.js)'");
    private static final Pattern API_PATH = Pattern.compile("[`'](/api/v1/[^`'?]*)");
    private App app;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        app = App.start(TestDatabases.h2(Files.createTempDirectory("touchmark-dashboard-page-")), Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theDashboardPageIsServedWithItsOwnScriptsOnlyAndRevalidates() throws Exception {
        Http.Response page = http.get("/dashboard", null);
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type").toLowerCase().replace(";charset", "; charset"));
        assertTrue(page.text().contains("<script type=\"module\" src=\"/dashboard/app.js\">"), page.text());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("no-cache", page.header("Cache-Control"));
        String etag = page.header("ETag");
        HttpResponse<Void> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/dashboard")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(304, again.statusCode());
    }

    @Test
    void everyModuleTheAppLoadsIsServedAsJavaScript() throws IOException {
        Set<String> modules = new TreeSet<>(List.of("app.js"));
        for (String file : sources()) {
            Matcher m = IMPORT.matcher(Files.readString(WEB.resolve(file)));
            while (m.find()) {
                modules.add(m.group(1));
            }
        }
        assertTrue(modules.size() > 10, "the shell and its pages: " + modules);
        for (String module : modules) {
            Http.Response r = http.get("/dashboard/" + module, null);
            assertEquals(200, r.status(), module);
            assertEquals("text/javascript; charset=utf-8", r.header("Content-Type"), module);
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
        }
        assertEquals("text/css; charset=utf-8", http.get("/dashboard/app.css", null).header("Content-Type"));
    }

    @Test
    void unknownOrUnsafeFileNamesAreNotFoundProblems() {
        for (String path : List.of("/dashboard/nope.js", "/dashboard/index.html", "/dashboard/app.exe", "/dashboard/..%2Fscan.js",
                "/dashboard/.hidden.js", "/dashboard/sub/app.js")) {
            Http.Response r = http.get(path, null);
            assertEquals(404, r.status(), path);
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), path);
            assertEquals("Not found", r.json().get("title").asText(), path);
        }
    }

    @Test
    void theDashboardCallsOnlyDocumentedApiPaths() throws IOException {
        String openapi = Files.readString(Path.of("docs", "openapi.yaml"));
        Set<String> documented = new TreeSet<>();
        Matcher paths = Pattern.compile("(?m)^  (/api/v1/\\S*):$").matcher(openapi);
        while (paths.find()) {
            documented.add(paths.group(1));
        }
        Set<String> called = new TreeSet<>();
        for (String file : sources()) {
            Matcher m = API_PATH.matcher(Files.readString(WEB.resolve(file)));
            while (m.find()) {
                called.add(m.group(1));
            }
        }
        assertFalse(called.isEmpty());
        for (String path : called) {
            Pattern shape = Pattern.compile("^" + Pattern.quote(path).replaceAll("\\$\\{[^}]*}", "\\\\E[^/]+\\\\Q") + "$");
            assertTrue(documented.stream().anyMatch(d -> shape.matcher(d).matches()), path + " is not in docs/openapi.yaml");
        }
    }

    private static List<String> sources() throws IOException {
        try (Stream<Path> files = Files.list(WEB)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js")).sorted().toList();
        }
    }
}
