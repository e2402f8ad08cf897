package dev.touchmark.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.alert.Rule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The detection targets on a small month (1,500 genuine codes, the ring's 50 labels on 1,000 fakes) replayed against
 * a real server on H2; docs/detection.md has the full-scale numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionQualityIT {
    private DetectionScore score;

    @BeforeAll
    void replay() throws Exception {
        DetectionReport.Run run = DetectionReport.run(ScenarioSettings.small(DetectionReport.DEFAULT_SEED), System.out, false);
        System.out.println(DetectionMarkdown.summary(run));
        score = run.score();
    }

    @Test
    void everyRingCodeIsFlaggedWithinItsFirstTenFakeScans() {
        assertEquals(50, score.ring().fakesUntilFlagged().size());
        assertEquals(0, score.ringCodesNeverFlagged());
        assertTrue(score.maxFakesUntilFlagged() <= 10, "max " + score.maxFakesUntilFlagged());
    }

    @Test
    void everyAlertIsExplainedInWords() {
        assertTrue(score.alerts() > 0);
        assertEquals(List.of(), score.unexplained());
    }

    @Test
    void theDiversionTheLeakTheForgeriesAndTheRingsCitiesAreAlerted() {
        for (DetectionScore.RuleScore r : score.rules()) {
            if (r.rule() != Rule.IMPOSSIBLE_TRAVEL) {
                assertEquals(r.targets(), r.caught(), r.rule().id() + " missed a bad subject");
            }
        }
        assertEquals(score.badCodes(), score.badCodesCaught());
    }

    @Test
    void codeRulesRaiseNoFalseAlertOnFamiliesResellersOrTourists() {
        for (DetectionScore.RuleScore r : score.rules()) {
            if (r.rule() != Rule.OUT_OF_MARKET) {
                assertEquals(r.alerts(), r.truePositives(), r.rule().id() + " raised a false alert: " + r.falseExample());
            }
        }
        assertTrue(score.genuineCodesFalselyAlertedOutsideMarketRule() < 0.01 * score.genuineCodes());
    }

    @Test
    void fewerThanOnePercentOfGenuineCodesGetAFalseAlert() {
        assertTrue(score.falseAlertTargetMet(), score.genuineCodesFalselyAlerted() + " of " + score.genuineCodes());
    }
}
