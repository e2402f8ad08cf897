package dev.touchmark.webhook;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import dev.touchmark.testsupport.WebhookReceiver;
import dev.touchmark.testsupport.WebhookTesting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent verification: a webhook captured from a real delivery is verified by the Standard Webhooks
 * reference library for JavaScript (npm standardwebhooks 1.1.1) run by the machine's Node.js. Without
 * node or npm the test is skipped, except under CI=true, where it fails.
 */
class StandardWebhooksNodeIT {
    private static final String PACKAGE = "standardwebhooks@1.1.1";
    private static final Path TOOL_DIR = Path.of("target", "standardwebhooks-node").toAbsolutePath();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void installTheReferenceLibrary() throws Exception {
        require("node", "--version");
        require("npm", "--version");
        Path installed = TOOL_DIR.resolve("node_modules/standardwebhooks/package.json");
        if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"1.1.1\"")) {
            Files.createDirectories(TOOL_DIR);
            Run npm = run(Duration.ofMinutes(3), "npm", "install", "--prefix", TOOL_DIR.toString(), "--no-audit",
                    "--no-fund", "--no-save", PACKAGE);
            if (npm.exit() != 0) {
                unavailable("npm install " + PACKAGE + " failed (exit " + npm.exit() + "): " + npm.output());
            }
        }
        try (InputStream script = StandardWebhooksNodeIT.class.getResourceAsStream("/webhook/verify-standardwebhooks.mjs")) {
            Files.copy(script, TOOL_DIR.resolve("verify.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theReferenceLibraryVerifiesARealDeliveryAndRejectsATamperedOne() throws Exception {
        try (App app = App.start(TestDatabases.h2(work).withWebhooks(WebhookTesting.fastSettings()), Clock.systemUTC());
             WebhookReceiver receiver = new WebhookReceiver()) {
            Http http = new Http(app.port());
            String key = app.services().brands().create("Node check", "node@brand.example").apiKey();
            Http.Response created = http.post("/api/v1/webhooks", key, json("url", receiver.url()));
            long id = created.json().get("id").asLong();
            String oldSecret = created.json().get("secret").asText();
            http.post("/api/v1/webhooks/" + id + "/test", key, null);
            WebhookTesting.await(Duration.ofSeconds(20), () -> receiver.requests().size() == 1, receiver::bodies);
            WebhookReceiver.Request single = receiver.requests().get(0);

            Run verified = verify(oldSecret, single, single.body());
            assertEquals(0, verified.exit(), verified.output());
            assertTrue(verified.output().contains("\"type\":\"webhook.test\""), verified.output());

            byte[] tampered = single.body().clone();
            tampered[tampered.length / 2] ^= 0x01;
            assertNotEquals(0, verify(oldSecret, single, tampered).exit(), "a changed body must not verify");
            String otherSecret = http.post("/api/v1/webhooks", key, json("url", receiver.url())).json().get("secret").asText();
            assertNotEquals(0, verify(otherSecret, single, single.body()).exit(), "another endpoint's secret must not verify");

            // During a rotation the header holds two signatures; receivers with either secret accept it.
            String newSecret = http.post("/api/v1/webhooks/" + id + "/rotate-secret", key, null).json().get("secret").asText();
            http.post("/api/v1/webhooks/" + id + "/test", key, null);
            WebhookTesting.await(Duration.ofSeconds(20), () -> receiver.requests().size() == 2, receiver::bodies);
            WebhookReceiver.Request rotated = receiver.requests().get(1);
            assertEquals(2, rotated.header("webhook-signature").split(" ").length);
            for (String secret : List.of(oldSecret, newSecret)) {
                Run run = verify(secret, rotated, rotated.body());
                assertEquals(0, run.exit(), run.output());
            }
        }
    }

    private Run verify(String secret, WebhookReceiver.Request request, byte[] body) throws Exception {
        Path secretFile = work.resolve("secret.txt");
        Path headersFile = work.resolve("headers.json");
        Path bodyFile = work.resolve("body.json");
        Files.writeString(secretFile, secret);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "content-type")) {
            headers.put(name, request.header(name));
        }
        Files.writeString(headersFile, MAPPER.writeValueAsString(headers));
        Files.write(bodyFile, body);
        return run(Duration.ofSeconds(30), "node", TOOL_DIR.resolve("verify.mjs").toString(), secretFile.toString(),
                headersFile.toString(), bodyFile.toString());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(TOOL_DIR.toFile()).start();
        // Read while it runs so a chatty process cannot fill the pipe and stall.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void require(String tool, String versionFlag) throws InterruptedException {
        try {
            Files.createDirectories(TOOL_DIR);
            Run run = run(Duration.ofSeconds(30), tool, versionFlag);
            if (run.exit() != 0) {
                unavailable(tool + " " + versionFlag + " exited with " + run.exit() + ": " + run.output());
            }
        } catch (IOException e) {
            unavailable(tool + " is not installed (" + e.getMessage() + "); .ci/run installs it on Debian");
        }
    }

    private static void unavailable(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI=true requires the independent verification to run)");
        }
        Assumptions.abort(message);
    }
}
