package dev.touchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.Http;
import dev.touchmark.testsupport.TestDatabases;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** touchmark simulate, run from the packaged jar against a real server and against a closed port. */
class SimulateIT {

    record Run(int exit, String out, String err) {
    }

    private static Run simulate(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getenv("TOUCHMARK_JAR"), "simulate"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "simulate timed out");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void simulateSendsGenuineAndCounterfeitScansThatTheServerRecords() throws Exception {
        Path dir = Files.createTempDirectory("touchmark-simulate-");
        try (App app = App.start(TestDatabases.h2(dir), Clock.systemUTC())) {
            var created = app.services().brands().create("Simulated", "ops@simulated.example");
            Principal principal = new Principal(created.brand().id(), "test");
            long product = app.services().products().create(principal, new NewProduct("Serum", null, null, null,
                    List.of("FR"))).id();
            Batch batch = app.services().batches().create(principal, new NewBatch(product, 500L, "L1", null, null, "compact"));
            app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);

            Run run = simulate(dir, "--url", "http://127.0.0.1:" + app.port(), "--api-key", created.apiKey(),
                    "--rate", "5", "--duration", "3", "--seed", "7");

            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("sent 15"), run.out());
            assertTrue(run.out().contains("genuine"), run.out());
            assertTrue(run.out().contains("not_genuine"), run.out());
            Http http = new Http(app.port());
            // The overview's counts are kept up asynchronously.
            long[] recorded = {0};
            Eventually.await(Eventually.PATIENCE, () -> (recorded[0] = http.get("/api/v1/stats/overview", created.apiKey()).json()
                    .path("scansToday").asLong()) >= 15, () -> recorded[0] + " scans today");
            assertEquals(15, recorded[0]);
        }
    }

    @Test
    void simulateAgainstAServerThatIsDownSaysSoWithoutAStackTrace() throws Exception {
        Path dir = Files.createTempDirectory("touchmark-simulate-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = simulate(dir, "--url", "http://127.0.0.1:" + port, "--api-key", "tm_X_Y", "--duration", "1");
        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains("cannot reach http://127.0.0.1:" + port), run.err());
        assertTrue(run.err().contains("is the server running?"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
