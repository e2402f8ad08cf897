package dev.touchmark.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 24's targets on a small adversarial set (20 codes per pattern, 120 multi-browser households, 100 ordinary
 * buyers per pattern's batch) replayed against a real server on H2: every pattern caught on at least 90% of its codes
 * where the scans carry a signal, fewer than 1% of genuine codes falsely alerted (households alone too), fewer than 0.5%
 * of genuine scans shown "suspect". Tagged adversarial and left out of the default build for time (about a minute
 * on 2 cores, which the CI run's 15 minutes have no room for): docs/detection.md runs the same targets at full scale
 * over several seeds with scripts/detection-report.sh. Run it with
 * {@code -Dit.excludedGroups=slow -Dit.test=AdversarialDetectionIT}.
 */
@Tag("adversarial")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialDetectionIT {
    private PatternSummary summary;

    @BeforeAll
    void replay() throws Exception {
        DetectionReport.Run run = DetectionReport.run(
                ScenarioSettings.adversarial(DetectionReport.DEFAULT_SEED, AdversarialSettings.small()), System.out, true);
        summary = PatternSummary.of(List.of(run.patterns()));
        System.out.println(AdversarialMarkdown.summary(List.of(run), summary));
    }

    @Test
    void everyPatternIsInTheSet() {
        List<Story> bad = summary.patterns().stream().map(PatternSummary.Pattern::story).toList();
        assertEquals(List.of(Story.SLOW_CLONE, Story.UNSCANNED_CLONE, Story.COOKIE_CLONE_ABROAD, Story.COOKIE_CLONE_IN_MARKET,
                Story.NO_DEVICE_CLONE, Story.PRINTER_OVERRUN, Story.DUPLICATE_RUN, Story.LAUNDERED_DIVERSION,
                Story.THIN_DIVERSION), bad);
        assertTrue(summary.households().codes() > 0);
    }

    @Test
    void everyPatternIsCaughtOnNineTenthsOfItsCodesWhereTheScansCarryASignal() {
        StringBuilder missed = new StringBuilder();
        for (PatternSummary.Pattern p : summary.patterns()) {
            if (!p.targetMet()) {
                missed.append(String.format("%n  %s: %d of %d", p.story(), p.caughtWithSignal(), p.withSignal()));
            }
        }
        assertTrue(missed.isEmpty(), "caught on fewer than 90% of the codes with a signal:" + missed);
    }

    @Test
    void theOverrunIsNotCalledAForgery() {
        PatternSummary.Pattern overrun = summary.patterns().stream().filter(p -> p.story() == Story.PRINTER_OVERRUN)
                .findFirst().orElseThrow();
        assertTrue(overrun.caught() > 0, "the overrun is caught");
        assertTrue(!overrun.rules().containsKey("forged_code"), "overrun labels first alerted as forgeries: " + overrun.rules());
    }

    @Test
    void fewerThanOnePercentOfGenuineCodesAreFalselyAlertedHouseholdsIncluded() {
        for (PatternScore.GenuineRow g : List.of(summary.allGenuine(), summary.households())) {
            assertTrue(PatternSummary.falseShare(g) < PatternSummary.FALSE_ALERT_TARGET,
                    g.name() + ": " + g.falselyAlerted() + " of " + g.codes());
        }
    }

    @Test
    void fewerThanHalfAPercentOfGenuineScansAreShownSuspect() {
        for (PatternScore.GenuineRow g : List.of(summary.allGenuine(), summary.households())) {
            assertTrue(PatternSummary.suspectShare(g) < PatternSummary.SUSPECT_SCAN_TARGET,
                    g.name() + ": " + g.suspectScans() + " of " + g.scans());
        }
    }
}
