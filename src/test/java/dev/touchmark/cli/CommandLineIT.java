package dev.touchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.Services;
import dev.touchmark.db.Database;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged jar's commands, run as separate processes while a server holds the same H2 file. Commands with the
 * installation's own environment run one after another in one long-lived JVM of their own ({@link CommandRunner},
 * the packaged jar on its class path), each opening the database as {@code java -jar} would; commands that need
 * another environment each start {@code java -jar touchmark.jar}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineIT {
    private static final Pattern API_KEY = Pattern.compile("tm_[A-Z0-9]+_[A-Z0-9]+");
    private Path dir;
    private TouchmarkConfig config;
    private App app;
    private Http http;
    private boolean classArchiveAsked;
    private Process runner;
    private BufferedWriter runnerCommands;
    private BufferedReader runnerExits;
    private Path runnerErr;

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
    void stopServer() throws Exception {
        try {
            if (runner != null) {
                runnerCommands.close();
                if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                    runner.destroyForcibly();
                }
            }
        } finally {
            app.close();
        }
    }

    /** Runs a command: in the command runner with the installation's environment, else as its own java -jar. */
    private Run touchmark(Map<String, String> extraEnv, String... args) throws Exception {
        if (extraEnv.isEmpty()) {
            return inRunner(args);
        }
        String jar = System.getenv("TOUCHMARK_JAR");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        // Each command is a short-lived JVM: the client compiler and serial GC start faster, and the first command
        // leaves a class-data archive the others map instead of loading the jar's classes again.
        command.addAll(SHORT_LIVED_JVM);
        Path archive = dir.resolveSibling(dir.getFileName() + "-classes.jsa");
        if (classArchiveAsked) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else {
            command.add("-XX:ArchiveClassesAtExit=" + archive);
            classArchiveAsked = true;
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = installationProcess(command);
        builder.environment().putAll(extraEnv);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "command timed out: " + command);
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr");

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process in the data folder with the installation's environment: its data folder, database and public URL. */
    private ProcessBuilder installationProcess(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("TOUCHMARK_DATA_DIR", dir.toString());
        builder.environment().put("TOUCHMARK_DB_URL", config.dbUrl());
        builder.environment().put("TOUCHMARK_PUBLIC_URL", config.publicUrl());
        return builder;
    }

    /** Runs a command in the command runner (started on first use), a JVM of its own that outlives the command. */
    private Run inRunner(String... args) throws Exception {
        if (runner == null) {
            startRunner();
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> fields = new ArrayList<>(List.of(out.toString(), err.toString()));
        fields.addAll(List.of(args));
        for (String field : fields) {
            assertFalse(field.contains("\n") || field.contains("\0"), "the runner reads one command a line: " + field);
        }
        runnerCommands.write(String.join("\0", fields));
        runnerCommands.newLine();
        runnerCommands.flush();
        String exit = CompletableFuture.supplyAsync(() -> {
            try {
                return runnerExits.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(120, TimeUnit.SECONDS);
        assertNotNull(exit, "the command runner stopped: " + Files.readString(runnerErr) + Files.readString(err));
        return new Run(Integer.parseInt(exit), Files.readString(out), Files.readString(err));
    }

    private void startRunner() throws IOException {
        // Only the runner's own class next to the jar: the test classes' resources (logging settings) stay out.
        Path classes = Files.createTempDirectory(dir, "runner-classes");
        Path runnerClass = classes.resolve("dev/touchmark/cli/CommandRunner.class");
        Files.createDirectories(runnerClass.getParent());
        try (var in = CommandRunner.class.getResourceAsStream("CommandRunner.class")) {
            Files.copy(in, runnerClass);
        }
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(SHORT_LIVED_JVM);
        command.addAll(List.of("-cp", System.getenv("TOUCHMARK_JAR") + java.io.File.pathSeparator + classes,
                CommandRunner.class.getName()));
        runnerErr = dir.resolve("runner-err.txt");
        runner = installationProcess(command).redirectError(runnerErr.toFile()).start();
        runnerCommands = new BufferedWriter(new OutputStreamWriter(runner.getOutputStream(), StandardCharsets.UTF_8));
        runnerExits = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
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
        // Without TOUCHMARK_PUBLIC_URL the command prints for the URL the server recorded, never a guessed localhost.
        Run export = touchmark(Map.of("TOUCHMARK_PUBLIC_URL", ""), "batch", "export", "--brand", "Export Brand", "--batch", batchId,
                "--format", "csv", "--out", csv.toString());
        assertEquals(0, export.exit(), export.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(26, lines.size());
        String url = lines.get(3).split(",", 3)[2];
        assertTrue(url.startsWith(TestDatabases.PUBLIC_URL + "/01/"), url);
        Run otherAddress = touchmark(Map.of("TOUCHMARK_PUBLIC_URL", "http://localhost:7070"), "batch", "create", "--brand",
                "Export Brand", "--product", productId("Export Brand"), "--quantity", "5");
        assertEquals(1, otherAddress.exit(), otherAddress.out());
        assertTrue(otherAddress.err().contains("TOUCHMARK_PUBLIC_URL is http://localhost:7070 but this installation's labels"
                + " point at " + TestDatabases.PUBLIC_URL), otherAddress.err());
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
        assertEquals(2, noFile.exit(), "a missing JWKS is an input error, not a verdict");
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

    @Test
    void theOperatorCreatesAnAllianceInvitesBrandsListsAndRemovesThemWithClearRefusals() throws Exception {
        var first = app.services().brands().create("Cli Ally One", "one@ally.example");
        var second = app.services().brands().create("Cli Ally Two", "two@ally.example");
        var third = app.services().brands().create("Cli Ally Three", "three@ally.example");
        Run created = touchmark("alliance", "create", "--name", "Cli Beauty", "--max-members", "2");
        assertEquals(0, created.exit(), created.err());
        assertTrue(created.out().contains("\"Cli Beauty\" (at most 2 members)"), created.out());
        Run twice = touchmark("alliance", "create", "--name", "Cli Beauty");
        assertEquals(1, twice.exit());
        assertTrue(twice.err().contains("an alliance named 'Cli Beauty' already exists"), twice.err());
        Run tooSmall = touchmark("alliance", "create", "--name", "Cli Solo", "--max-members", "1");
        assertEquals(1, tooSmall.exit());
        assertTrue(tooSmall.err().contains("maxMembers must be 2 to 500"), tooSmall.err());

        assertEquals(0, touchmark("alliance", "invite", "--alliance", "Cli Beauty", "--brand", "Cli Ally One").exit());
        String allianceId = touchmark("alliance", "list").out().lines().filter(l -> l.contains("\tCli Beauty\t"))
                .findFirst().orElseThrow().split("\t")[0];
        Run invited = touchmark("alliance", "invite", "--alliance", allianceId, "--brand", String.valueOf(second.brand().id()));
        assertEquals(0, invited.exit(), invited.err());
        assertTrue(invited.out().contains("open until"), invited.out());
        Run again = touchmark("alliance", "invite", "--alliance", allianceId, "--brand", "Cli Ally One");
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already holds an invitation"), again.err());

        for (var brand : java.util.List.of(first, second)) {
            assertEquals(200, http.post("/api/v1/alliances/" + allianceId + "/accept", brand.apiKey(), null).status());
        }
        Run full = touchmark("alliance", "invite", "--alliance", allianceId, "--brand", "Cli Ally Three");
        assertEquals(1, full.exit());
        assertTrue(full.err().contains("is full (2 members)"), full.err());
        Run unknownAlliance = touchmark("alliance", "members", "--alliance", "No Such Alliance");
        assertEquals(1, unknownAlliance.exit());
        assertTrue(unknownAlliance.err().contains("no alliance with id or name 'No Such Alliance'"), unknownAlliance.err());
        Run unknownBrand = touchmark("alliance", "invite", "--alliance", allianceId, "--brand", "No Such Brand");
        assertEquals(1, unknownBrand.exit());
        assertTrue(unknownBrand.err().contains("no brand with id or name 'No Such Brand'"), unknownBrand.err());

        assertTrue(touchmark("alliance", "list").out().contains(allianceId + "\tCli Beauty\t2/2\t"));
        assertEquals(0, touchmark("alliance", "remove", "--alliance", "Cli Beauty", "--brand", "Cli Ally One").exit());
        Run members = touchmark("alliance", "members", "--alliance", allianceId);
        assertTrue(members.out().contains(first.brand().id() + "\tCli Ally One\tremoved\t"), members.out());
        assertTrue(members.out().contains(second.brand().id() + "\tCli Ally Two\tmember\t"), members.out());
        assertFalse(members.out().contains("Cli Ally Three"), members.out());
        Run events = touchmark("alliance", "events", "--alliance", "Cli Beauty");
        assertEquals(0, events.exit(), events.err());
        assertTrue(events.out().contains("\tcreated\t-\t-\tcli:"), events.out());
        assertTrue(events.out().contains("\tremoved\t" + first.brand().id() + "\t-\tcli:"), events.out());
        Path report = dir.resolve("alliance.pdf");
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        Run written = touchmark("alliance", "report", "--alliance", "Cli Beauty", "--month", month, "--out", report.toString());
        assertEquals(0, written.exit(), written.err());
        assertTrue(new String(Files.readAllBytes(report), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-"));
        Run future = touchmark("alliance", "report", "--alliance", "Cli Beauty", "--month", "2999-01", "--out", report.toString());
        assertEquals(1, future.exit());
        assertTrue(future.err().contains("--month: 2999-01 has not begun yet"), future.err());
        Run badOut = touchmark("alliance", "report", "--alliance", "Cli Beauty", "--month", month, "--out", "report.txt");
        assertEquals(1, badOut.exit());
        assertTrue(badOut.err().contains("--out must name a .pdf or .csv file"), badOut.err());
        Run removedTwice = touchmark("alliance", "remove", "--alliance", allianceId, "--brand", "Cli Ally One");
        assertEquals(1, removedTwice.exit());
        assertTrue(removedTwice.err().contains("neither a member nor invited"), removedTwice.err());
        assertEquals(0, touchmark("alliance", "invite", "--alliance", allianceId, "--brand", "Cli Ally Three").exit(),
                "removing a member makes room");
        assertFalse((twice.err() + full.err() + unknownBrand.err() + removedTwice.err()).contains("\tat "), "no stack traces");
        assertEquals(third.brand().id(), app.services().alliances().members(Long.parseLong(allianceId)).stream()
                .filter(m -> m.state() == dev.touchmark.alliance.MemberState.INVITED).findFirst().orElseThrow().brandId());
    }

    private String productId(String brand) throws Exception {
        Run list = touchmark("product", "list", "--brand", brand);
        return list.out().lines().findFirst().orElseThrow().split("\t")[0];
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Map<String, String> freshDataFolder(Path folder) {
        return Map.of("TOUCHMARK_DATA_DIR", folder.toString(), "TOUCHMARK_DB_URL", "jdbc:h2:file:" + folder.resolve("touchmark"),
                "TOUCHMARK_MASTER_KEY_FILE", dir.resolve("master.key").toString());
    }

    @Test
    void withNoPublicUrlKnownLabelsAreRefusedRatherThanPrintedForAGuessedAddress() throws Exception {
        Path fresh = Files.createTempDirectory("touchmark-no-url-");
        TouchmarkConfig freshConfig = new TouchmarkConfig(0, "127.0.0.1", "http://unused.example", fresh,
                "jdbc:h2:file:" + fresh.resolve("touchmark"), "sa", "", java.util.Optional.empty(), dir.resolve("master.key"),
                config.scans(), config.webhooks());
        long batch;
        try (Database database = Database.open(freshConfig, 2);
             Services services = Services.forCommand(freshConfig, database, Clock.systemUTC(), java.util.Optional.empty())) {
            var brand = services.brands().create("No Url Brand", "ops@no-url.example").brand();
            var principal = new dev.touchmark.access.Principal(brand.id(), "cli:test");
            long product = services.products().create(principal,
                    new dev.touchmark.product.NewProduct("Serum", null, null, null, List.of("FR"))).id();
            batch = services.batches().create(principal, new dev.touchmark.batch.NewBatch(product, 3L, null, null, null, null)).id();
        }
        Map<String, String> env = new java.util.HashMap<>(freshDataFolder(fresh));
        env.put("TOUCHMARK_PUBLIC_URL", "");
        Path out = fresh.resolve("labels.csv");
        Run refused = touchmark(env, "batch", "export", "--brand", "No Url Brand", "--batch", String.valueOf(batch),
                "--format", "csv", "--out", out.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().contains("no public URL is known for this installation")
                && refused.err().contains("TOUCHMARK_PUBLIC_URL"), refused.err());
        assertFalse(Files.exists(out), "nothing was printed");
    }

    @Test
    void serveOnABusyPortSaysSoAndWritesNothing() throws Exception {
        Path fresh = Files.createTempDirectory("touchmark-busy-").resolve("data");
        Map<String, String> env = new java.util.HashMap<>(freshDataFolder(fresh));
        env.put("TOUCHMARK_MASTER_KEY_FILE", fresh.resolve("master.key").toString());
        env.put("TOUCHMARK_HOST", "127.0.0.1");
        Run busy = touchmark(env, "serve", "--port", String.valueOf(app.port()));
        assertEquals(2, busy.exit(), busy.out());
        assertTrue(busy.err().contains("port " + app.port() + " is already in use; stop the other process or set"
                + " TOUCHMARK_PORT (or serve --port)"), busy.err());
        assertFalse(busy.err().contains("Exception"), busy.err());
        assertFalse(Files.exists(fresh), "no data folder, database or master key was made");
    }

    @Test
    void aBackupTakenWhileTheServerRunsRestoresIntoAFreshDataFolderWithItsData() throws Exception {
        assertEquals(0, touchmark("brand", "create", "--name", "Backed Up", "--admin-email", "ops@backup.example").exit());
        Path backup = dir.resolve("touchmark-backup.zip");
        Run backedUp = touchmark("backup", backup.toString());
        assertEquals(0, backedUp.exit(), backedUp.err());
        assertTrue(Files.size(backup) > 0);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        assertEquals(1, touchmark("backup", backup.toString()).exit(), "an existing file is not overwritten");

        Path fresh = Files.createTempDirectory("touchmark-restored-");
        Run withoutPassword = touchmark(freshDataFolder(fresh), "restore", backup.toString());
        assertEquals(1, withoutPassword.exit());
        assertTrue(withoutPassword.err().contains("database.password"), withoutPassword.err());
        Files.copy(dir.resolve("database.password"), fresh.resolve("database.password"));
        Run restored = touchmark(freshDataFolder(fresh), "restore", backup.toString());
        assertEquals(0, restored.exit(), restored.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("touchmark.mv.db"))));
        Run brands = touchmark(freshDataFolder(fresh), "brand", "list");
        assertEquals(0, brands.exit(), brands.err());
        assertTrue(brands.out().contains("Backed Up"), brands.out());
    }

    @Test
    void restoreRefusesADamagedOrForeignFileAndNeverTouchesExistingData() throws Exception {
        Path fresh = Files.createTempDirectory("touchmark-refused-");
        Path garbage = Files.writeString(fresh.resolve("garbage.zip"), "this is not a backup");
        Run damaged = touchmark(freshDataFolder(fresh), "restore", garbage.toString());
        assertEquals(1, damaged.exit());
        assertTrue(damaged.err().contains("is not a Touchmark backup") || damaged.err().contains("not a readable backup"), damaged.err());

        Path foreign = fresh.resolve("foreign.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(foreign))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("holiday.jpg"));
            zip.write(new byte[] {1, 2, 3});
        }
        Run notOurs = touchmark(freshDataFolder(fresh), "restore", foreign.toString());
        assertEquals(1, notOurs.exit());
        assertTrue(notOurs.err().contains("holds no H2 database file"), notOurs.err());

        Path truncated = fresh.resolve("truncated.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(truncated))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("touchmark.mv.db"));
            zip.write("H:2,block:not really a database".getBytes(StandardCharsets.US_ASCII));
        }
        Run corrupt = touchmark(freshDataFolder(fresh), "restore", truncated.toString());
        assertEquals(1, corrupt.exit());
        assertTrue(corrupt.err().contains("damaged or unreadable database"), corrupt.err());
        assertFalse(Files.exists(fresh.resolve("touchmark.mv.db")), "nothing is left in place of a database");

        long before = Files.size(dir.resolve("touchmark.mv.db"));
        Run overwrite = touchmark("restore", garbage.toString());
        assertEquals(1, overwrite.exit());
        assertTrue(overwrite.err().contains("a database already exists"), overwrite.err());
        assertTrue(Files.size(dir.resolve("touchmark.mv.db")) >= before);
        assertEquals(200, http.get("/healthz", null).status(), "the running server's data is untouched");
    }
}
