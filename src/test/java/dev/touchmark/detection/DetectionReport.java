package dev.touchmark.detection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Arguments: [--seed N] [--genuine-codes N] [--seeds N | --seeds A,B,C] [--pattern-codes N] [--no-month]
 * [--no-adversarial] [--out FILE] [--strict]. The month is replayed once, with --seed; the adversarial set (issue 24's
 * patterns and the multi-browser households) once per seed of --seeds: N seeds counting up from --seed, or the seeds
 * listed (default 3). With --strict the exit code is 1 when a target is missed.
 */
public final class DetectionReport {
    /** The seed of the published report. */
    public static final long DEFAULT_SEED = 20260302L;
    /** Seeds of the adversarial set in the published report. */
    static final int DEFAULT_SEEDS = 3;

    private DetectionReport() {
    }

    /** One measured run; patterns is scored from alert openings watched scan by scan only when the run watched them. */
    record Run(Scenario scenario, DetectionScore score, PatternScore patterns, Duration replayTime) {
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
        AdversarialSettings scale = AdversarialSettings.standard();
        if (options.containsKey("--pattern-codes")) {
            scale = scale.withPatternCodes(Integer.parseInt(options.get("--pattern-codes")));
        }
        Path out = Path.of(options.getOrDefault("--out", "docs/detection.md"));
        Run month = options.containsKey("--no-month") ? null : run(settings, System.out, false);
        List<Run> adversarial = new ArrayList<>();
        if (!options.containsKey("--no-adversarial")) {
            for (long s : seeds(options.getOrDefault("--seeds", Integer.toString(DEFAULT_SEEDS)), seed)) {
                adversarial.add(run(ScenarioSettings.adversarial(s, scale), System.out, true));
            }
        }
        PatternSummary patterns = adversarial.isEmpty() ? null
                : PatternSummary.of(adversarial.stream().map(Run::patterns).toList());
        Files.writeString(out, DetectionMarkdown.render(month, adversarial, patterns), StandardCharsets.UTF_8);
        boolean met = true;
        if (month != null) {
            System.out.println(DetectionMarkdown.summary(month));
            met = month.targetsMet();
        }
        if (patterns != null) {
            System.out.println(AdversarialMarkdown.summary(adversarial, patterns));
            met &= patterns.missed().isEmpty();
        }
        System.out.println("Wrote " + out);
        if (options.containsKey("--strict") && !met) {
            System.out.println("A target was missed (--strict).");
            System.exit(1);
        }
        System.exit(0);
    }

    /** The seeds of a --seeds value: a count of seeds from first on, or a comma-separated list. */
    static List<Long> seeds(String value, long first) {
        List<Long> seeds = new ArrayList<>();
        if (value.contains(",")) {
            for (String s : value.split(",")) {
                seeds.add(Long.parseLong(s.strip()));
            }
        } else {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new IllegalArgumentException("--seeds needs at least one seed");
            }
            for (int i = 0; i < n; i++) {
                seeds.add(first + i);
            }
        }
        return seeds;
    }

    /**
     * Generates, replays and scores a scenario on a fresh H2 database in a temporary folder (deleted after). With
     * watchAlerts, the alerts are looked at after every scan, which times each alert's opening to the scan.
     */
    static Run run(ScenarioSettings settings, PrintStream log, boolean watchAlerts) throws IOException {
        Scenario scenario = ScenarioGenerator.generate(settings);
        log.printf(Locale.ROOT, "Scenario seed %d: %d scans of %d codes%n", settings.seed(), scenario.events().size(),
                scenario.codes().size());
        Path dir = Files.createTempDirectory("touchmark-detection-");
        try (ScenarioReplay replay = new ScenarioReplay(dir)) {
            replay.setUp(scenario);
            long started = System.nanoTime();
            int total = scenario.events().size();
            int[] done = {0};
            Map<String, Integer> opened = new LinkedHashMap<>();
            List<ScenarioReplay.Answer> answers = replay.replay(scenario.events(), () -> {
                done[0] += 1000;
                if (done[0] % 5000 == 0) {
                    log.printf(Locale.ROOT, "  replayed %d of %d scans%n", done[0], total);
                }
            }, watchAlerts ? opened : null);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<ScenarioReplay.AlertItem> alerts = replay.alerts();
            Map<String, List<String>> evidence = new LinkedHashMap<>();
            alerts.forEach(a -> evidence.put(a.id(), replay.evidence(a.id())));
            Map<String, Long> batchIds = new LinkedHashMap<>();
            scenario.batches().forEach(b -> batchIds.put(b.key(), replay.batchId(b.key())));
            GroundTruth truth = new GroundTruth(scenario, batchIds, answers);
            log.printf(Locale.ROOT, "Replayed %d scans in %.1f s; %d alerts%n", total, elapsed.toMillis() / 1000.0, alerts.size());
            return new Run(scenario, DetectionScore.of(scenario, answers, alerts, evidence, truth),
                    PatternScore.of(scenario, answers, alerts, evidence, opened, truth), elapsed);
        } finally {
            delete(dir);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--strict", "--no-month", "--no-adversarial" -> options.put(args[i], "true");
                case "--seed", "--genuine-codes", "--out", "--seeds", "--pattern-codes" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i], args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use [--seed N] [--genuine-codes N] [--seeds N|A,B,C] [--pattern-codes N] [--no-month]"
                        + " [--no-adversarial] [--out FILE] [--strict]");
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
