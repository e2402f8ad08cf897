package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A server whose public URL is plain http sends no HSTS (browsers would then refuse it), but still no-store on the API. */
class SecurityHeadersIT {
    @Test
    void aPlainHttpInstallationSendsNoHstsButKeepsBrandDataOutOfCaches() throws Exception {
        TouchmarkConfig h2 = TestDatabases.h2(Files.createTempDirectory("touchmark-headers-"));
        TouchmarkConfig config = new TouchmarkConfig(h2.port(), h2.host(), "http://localhost:8080", h2.dataDir(), h2.dbUrl(),
                h2.dbUser(), h2.dbPassword(), h2.masterKeyBase64(), h2.masterKeyFile(), h2.scans(), h2.webhooks());
        try (App app = App.start(config, Clock.systemUTC())) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/healthz", "/api/v1/products", "/dashboard"}) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(answer.headers().firstValue("Strict-Transport-Security").isEmpty(), path);
            }
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/api/v1/products")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
            assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""));
        }
    }
}
