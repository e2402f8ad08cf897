package dev.touchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The packaged jar's commands, run as separate processes while a server holds the same H2 file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {
    private static final Pattern API_KEY = Pattern.compile("tm_[A-Z0-9]+_[A-Z0-9]+");
    private Path dir;
    private TouchmarkConfig config;
    private App app;
    private Http http;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void startServer() throws IOException {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        dir = Files.createTempDirectory("touchmark-cli-");
        config = TestDatabases.h2(dir);
        app = App.start(config, Clock.systemUTC());
        http = new Http(app.port());
    }

    @AfterAll
    void stopServer() {
        app.close();
    }

    private Run touchmark(Map<String, String> extraEnv, String... args) throws Exception {
        String jar = System.getenv("TOUCHMARK_JAR");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("TOUCHMARK_DATA_DIR", dir.toString());
        builder.environment().put("TOUCHMARK_DB_URL", config.dbUrl());
        builder.environment().put("TOUCHMARK_PUBLIC_URL", config.publicUrl());
        builder.environment().putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "command timed out: " + command);
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run touchmark(String... args) throws Exception {
        return touchmark(Map.of(), args);
    }

    @Test
    void brandCreateWorksWhileTheServerHoldsTheDatabaseAndItsKeyWorksAtOnce() throws Exception {
        Run run = touchmark("brand", "create", "--name", "Cli Brand", "--admin-email", "ops@cli.example");
        assertEquals(0, run.exit(), run.err());
        Matcher key = API_KEY.matcher(run.out());
        assertTrue(key.find(), run.out());
        assertTrue(run.out().contains("One-time admin password"));
        assertEquals("Cli Brand", http.get("/api/v1/brand", key.group()).json().get("name").asText());
        Run again = touchmark("brand", "create", "--name", "Cli Brand", "--admin-email", "other@cli.example");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        Run badEmail = touchmark("brand", "create", "--name", "Other", "--admin-email", "not-an-email");
        assertEquals(1, badEmail.exit());
        assertTrue(badEmail.err().contains("adminEmail"), badEmail.err());
    }

    @Test
    void batchExportWritesLabelsAndVerifyChecksThemOfflineAgainstTheJwks() throws Exception {
        Run brand = touchmark("brand", "create", "--name", "Export Brand", "--admin-email", "ops@export.example");
        assertEquals(0, brand.exit(), brand.err());
        assertEquals(0, touchmark("product", "create", "--brand", "Export Brand", "--name", "Watch", "--gtin", "4006381333931").exit());
        Run batch = touchmark("batch", "create", "--brand", "Export Brand", "--product", productId("Export Brand"),
                "--quantity", "25", "--lot", "W1", "--profile", "gs1");
        assertEquals(0, batch.exit(), batch.err());
        String batchId = batch.out().replaceAll("(?s).*batch (\\d+).*", "$1").strip();
        assertEquals(0, touchmark("batch", "release", "--brand", "Export Brand", "--batch", batchId).exit());

        Path csv = dir.resolve("labels.csv");
        Run export = touchmark("batch", "export", "--brand", "Export Brand", "--batch", batchId, "--format", "csv", "--out", csv.toString());
        assertEquals(0, export.exit(), export.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(26, lines.size());
        String url = lines.get(3).split(",", 3)[2];
        for (String format : List.of("pdf", "zip", "zpl")) {
            Path file = dir.resolve("labels." + format);
            assertEquals(0, touchmark("batch", "export", "--brand", "Export Brand", "--batch", batchId, "--format", format,
                    "--out", file.toString()).exit());
            assertTrue(Files.size(file) > 1000, format);
        }

        Path png = dir.resolve("label.png");
        assertEquals(0, touchmark("batch", "label", "--brand", "Export Brand", "--batch", batchId, "--index", "2",
                "--format", "png", "--out", png.toString()).exit());
        assertEquals(url, dev.touchmark.testsupport.QrDecoding.decodePng(Files.readAllBytes(png)));
        Run outside = touchmark("batch", "label", "--brand", "Export Brand", "--batch", batchId, "--index", "25",
                "--format", "svg", "--out", png.toString());
        assertEquals(1, outside.exit());
        assertTrue(outside.err().contains("--index must be between 0 and 24"), outside.err());

        Path jwks = dir.resolve("jwks.json");
        Files.write(jwks, http.get("/.well-known/jwks.json", null).bytes());
        Run genuine = touchmark("verify", url, "--jwks", jwks.toString());
        assertEquals(0, genuine.exit(), genuine.out() + genuine.err());
        assertTrue(genuine.out().startsWith("GENUINE"), genuine.out());

        String forged = url.substring(0, url.length() - 3) + (url.endsWith("AAA") ? "BAA" : "AAA");
        Run bad = touchmark("verify", forged, "--jwks", jwks.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains("NOT GENUINE"), bad.out());
        Run garbage = touchmark("verify", "hello", "--jwks", jwks.toString());
        assertEquals(1, garbage.exit());
        assertTrue(garbage.out().contains("malformed"), garbage.out());
        Run noFile = touchmark("verify", url, "--jwks", dir.resolve("missing.json").toString());
        assertEquals(1, noFile.exit());
        assertTrue(noFile.err().contains("no JWKS file"), noFile.err());

        String kid = http.get("/.well-known/jwks.json", null).json().get("keys").toString();
        assertFalse(kid.isEmpty());
        Run keys = touchmark("key", "list", "--brand", "Export Brand");
        String activeKid = keys.out().lines().filter(l -> l.contains("\tactive\t")).findFirst().orElseThrow().split("\t")[0];
        assertEquals(0, touchmark("key", "revoke", "--brand", "Export Brand", "--kid", activeKid, "--reason", "test").exit());
        Files.write(jwks, http.get("/.well-known/jwks.json", null).bytes());
        Run revoked = touchmark("verify", url, "--jwks", jwks.toString());
        assertEquals(1, revoked.exit());
        assertTrue(revoked.out().contains("revoked key"), revoked.out());
    }

    @Test
    void badArgumentsAndConfigurationGetAMessageThatSaysWhatToFix() throws Exception {
        Run port = touchmark(Map.of("TOUCHMARK_PORT", "abc"), "serve");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("TOUCHMARK_PORT must be a number"), port.err());
        Run format = touchmark("batch", "export", "--brand", "1", "--batch", "1", "--format", "docx", "--out", "x");
        assertEquals(1, format.exit());
        assertTrue(format.err().contains("--format must be one of csv, pdf, zip, zpl"), format.err());
        Run unknownBrand = touchmark("key", "list", "--brand", "No Such Brand");
        assertEquals(1, unknownBrand.exit());
        assertTrue(unknownBrand.err().contains("no brand named"), unknownBrand.err());
        Run missing = touchmark("brand", "create", "--name", "X");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--admin-email"), missing.err());
        assertFalse((port.err() + format.err() + unknownBrand.err()).contains("\tat "), "no stack traces");
    }

    private String productId(String brand) throws Exception {
        Run list = touchmark("product", "list", "--brand", brand);
        return list.out().lines().findFirst().orElseThrow().split("\t")[0];
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
