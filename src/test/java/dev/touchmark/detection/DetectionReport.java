package dev.touchmark.detection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures detection quality: generates a scenario, replays it against a real server on a fresh H2 database with a
 * simulated clock, reads the alerts back through the API, scores them against the ground truth and writes
 * docs/detection.md. Run by scripts/detection-report.sh.
 *
 * <p>Arguments: [--seed N] [--genuine-codes N] [--out FILE] [--strict]. With --strict the exit code is 1 when a
 * target is missed.
 */
public final class DetectionReport {
    /** The seed of the published report. */
    public static final long DEFAULT_SEED = 20260302L;

    private DetectionReport() {
    }

    /** One measured run. */
    record Run(Scenario scenario, DetectionScore score, Duration replayTime) {
        boolean targetsMet() {
            return score.ringTargetMet() && score.falseAlertTargetMet() && score.explanationTargetMet();
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        long seed = Long.parseLong(options.getOrDefault("--seed", Long.toString(DEFAULT_SEED)));
        ScenarioSettings settings = ScenarioSettings.standard(seed);
        if (options.containsKey("--genuine-codes")) {
            settings = settings.withGenuineCodes(Integer.parseInt(options.get("--genuine-codes")));
        }
        Path out = Path.of(options.getOrDefault("--out", "docs/detection.md"));
        Run run = run(settings, System.out);
        Files.writeString(out, DetectionMarkdown.render(run), StandardCharsets.UTF_8);
        System.out.println(DetectionMarkdown.summary(run));
        System.out.println("Wrote " + out);
        if (options.containsKey("--strict") && !run.targetsMet()) {
            System.out.println("A target was missed (--strict).");
            System.exit(1);
        }
        System.exit(0);
    }

    /** Generates, replays and scores a scenario on a fresh H2 database in a temporary folder (deleted after). */
    static Run run(ScenarioSettings settings, PrintStream log) throws IOException {
        Scenario scenario = ScenarioGenerator.generate(settings);
        log.printf(Locale.ROOT, "Scenario seed %d: %d scans of %d codes%n", settings.seed(), scenario.events().size(),
                scenario.codes().size());
        Path dir = Files.createTempDirectory("touchmark-detection-");
        try (ScenarioReplay replay = new ScenarioReplay(dir)) {
            replay.setUp(scenario);
            long started = System.nanoTime();
            int total = scenario.events().size();
            int[] done = {0};
            List<ScenarioReplay.Answer> answers = replay.replay(scenario.events(), () -> {
                done[0] += 1000;
                if (done[0] % 5000 == 0) {
                    log.printf(Locale.ROOT, "  replayed %d of %d scans%n", done[0], total);
                }
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<ScenarioReplay.AlertItem> alerts = replay.alerts();
            Map<String, List<String>> evidence = new LinkedHashMap<>();
            alerts.forEach(a -> evidence.put(a.id(), replay.evidence(a.id())));
            Map<String, Long> batchIds = new LinkedHashMap<>();
            scenario.batches().forEach(b -> batchIds.put(b.key(), replay.batchId(b.key())));
            GroundTruth truth = new GroundTruth(scenario, batchIds, answers);
            log.printf(Locale.ROOT, "Replayed %d scans in %.1f s; %d alerts%n", total, elapsed.toMillis() / 1000.0, alerts.size());
            return new Run(scenario, DetectionScore.of(scenario, answers, alerts, evidence, truth), elapsed);
        } finally {
            delete(dir);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--strict" -> options.put("--strict", "true");
                case "--seed", "--genuine-codes", "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i], args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--seed N] [--genuine-codes N] [--out FILE] [--strict]");
            }
        }
        return options;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
