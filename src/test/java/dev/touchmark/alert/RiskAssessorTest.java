package dev.touchmark.alert;

import dev.touchmark.domain.CodeRef;

import dev.touchmark.domain.ClientKind;

import dev.touchmark.domain.Shopper;

import dev.touchmark.domain.Verdict;

import dev.touchmark.domain.NotGenuineReason;

import dev.touchmark.domain.BatchStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.scan.Assessment;
import dev.touchmark.scan.CodeHistory;
import dev.touchmark.scan.Outcome;
import dev.touchmark.scan.ScanToRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskAssessorTest {
    private static final RuleSettings RULES = RuleSettings.defaults(5);

    private static ScanToRecord scan(BatchStatus status, String country, NotGenuineReason forged) {
        Shopper shopper = new Shopper("D".repeat(26), country, null, null, ClientKind.PAGE);
        return forged != null ? ScanToRecord.notGenuine(1, 2L, 3L, forged, shopper)
                : ScanToRecord.tracked(1, new CodeRef(2, 3), status, Set.of("FR", "BE"), shopper,
                        (h, a) -> new Outcome(Verdict.GENUINE, null));
    }

    private static CodeHistory devices(int count) {
        return new CodeHistory(count == 1, false, OffsetDateTime.parse("2026-11-01T10:00:00Z"), "FR", count, count);
    }

    private static Assessment assess(ScanToRecord scan, CodeHistory history, RiskAssessor.Signals signals) {
        return RiskAssessor.assess(RULES, scan, history, signals);
    }

    @Test
    void aFirstScanInItsMarketHasNoRisk() {
        Assessment a = assess(scan(BatchStatus.RELEASED, "FR", null), devices(1), RiskAssessor.Signals.NONE);
        assertEquals(0, a.risk());
        assertEquals(List.of(), a.reasons());
        assertFalse(a.suspect());
        assertEquals(null, a.reasonList());
    }

    @Test
    void eachFurtherPhoneAddsRiskAndTheCloneThresholdIsSuspectOnItsOwn() {
        assertEquals(15, assess(scan(BatchStatus.RELEASED, "FR", null), devices(2), RiskAssessor.Signals.NONE).risk());
        assertEquals(45, assess(scan(BatchStatus.RELEASED, "FR", null), devices(4), RiskAssessor.Signals.NONE).risk());
        Assessment clone = assess(scan(BatchStatus.RELEASED, "FR", null), devices(5), RiskAssessor.Signals.NONE);
        assertEquals(List.of("many_devices"), clone.reasons());
        assertTrue(clone.suspect());
    }

    @Test
    void aScanAbroadIsSuspectOnlyWithAnotherSignal() {
        Assessment abroad = assess(scan(BatchStatus.RELEASED, "CN", null), devices(1), RiskAssessor.Signals.NONE);
        assertEquals(List.of("out_of_market"), abroad.reasons());
        assertFalse(abroad.suspect(), "tourists buy abroad");
        Assessment abroadOnThirdPhone = assess(scan(BatchStatus.RELEASED, "CN", null), devices(3), RiskAssessor.Signals.NONE);
        assertEquals(List.of("other_devices", "out_of_market"), abroadOnThirdPhone.reasons());
        assertTrue(abroadOnThirdPhone.suspect());
    }

    @Test
    void anUnknownCountryOrABatchForEveryMarketIsNeverOutOfMarket() {
        assertFalse(RiskAssessor.outOfMarket(RULES, scan(BatchStatus.RELEASED, null, null)));
        ScanToRecord everywhere = ScanToRecord.tracked(1, new CodeRef(2, 3), BatchStatus.RELEASED, Set.of(),
                new Shopper(null, "CN", null, null, ClientKind.PAGE), (h, a) -> null);
        assertFalse(RiskAssessor.outOfMarket(RULES, everywhere));
        RuleSettings off = new RuleSettings(5, 900, false, 3, 10, 200, 3, 7, 60, 10, 21, 8);
        assertFalse(RiskAssessor.outOfMarket(off, scan(BatchStatus.RELEASED, "CN", null)));
    }

    @Test
    void impossibleTravelIsSuspectAndAHotspotNeedsASecondPhone() {
        assertTrue(assess(scan(BatchStatus.RELEASED, "FR", null), devices(1), new RiskAssessor.Signals(true, false)).suspect());
        assertFalse(assess(scan(BatchStatus.RELEASED, "FR", null), devices(1), new RiskAssessor.Signals(false, true)).suspect());
        Assessment hot = assess(scan(BatchStatus.RELEASED, "FR", null), devices(2), new RiskAssessor.Signals(false, true));
        assertEquals(60, hot.risk());
        assertTrue(hot.suspect());
    }

    @Test
    void batchStatusAndForgeryAreReasonsToo() {
        assertEquals(List.of("not_released"), assess(scan(BatchStatus.DRAFT, "FR", null), devices(1), RiskAssessor.Signals.NONE).reasons());
        assertEquals(List.of("recalled"), assess(scan(BatchStatus.RECALLED, "FR", null), devices(1), RiskAssessor.Signals.NONE).reasons());
        Assessment forged = assess(scan(null, "FR", NotGenuineReason.BAD_SIGNATURE), null, RiskAssessor.Signals.NONE);
        assertEquals(100, forged.risk());
        assertEquals(List.of("forged"), forged.reasons());
    }

    @Test
    void aValidlySignedCodeBeyondItsBatchIsAnOverrunNotAForgery() {
        Assessment overrun = assess(scan(null, "FR", NotGenuineReason.INDEX_OUT_OF_RANGE), null, RiskAssessor.Signals.NONE);
        assertEquals(List.of("overrun"), overrun.reasons());
        assertEquals(100, overrun.risk());
    }

    private static CodeHistory phone(int count, boolean seenBefore, OffsetDateTime firstScanAt) {
        return new CodeHistory(false, seenBefore, firstScanAt, "FR", count + 2, count);
    }

    @Test
    void aNewPhoneWeeksAfterTheSaleAddsRiskSoASlowCloneIsSuspectOnItsThirdPhone() {
        OffsetDateTime sold = OffsetDateTime.parse("2026-03-01T10:00:00Z");
        OffsetDateTime weeksLater = sold.plusDays(14);
        assertTrue(RiskAssessor.latePhone(RULES, phone(2, false, sold), weeksLater));
        assertFalse(RiskAssessor.latePhone(RULES, phone(2, false, sold), weeksLater.minusMinutes(1)), "a family within two weeks");
        assertFalse(RiskAssessor.latePhone(RULES, phone(2, true, sold), weeksLater.plusDays(30)), "the owner's phone again");
        assertFalse(RiskAssessor.latePhone(RULES, new CodeHistory(true, false, sold, "FR", 1, 1), weeksLater));
        RiskAssessor.Signals late = new RiskAssessor.Signals(false, false, true);
        Assessment second = assess(scan(BatchStatus.RELEASED, "FR", null), phone(2, false, sold), late);
        assertEquals(List.of("other_devices", "late_device"), second.reasons());
        assertFalse(second.suspect(), "a gift checked weeks later is one late phone: 45 points");
        assertTrue(assess(scan(BatchStatus.RELEASED, "FR", null), phone(3, false, sold), late).suspect());
        assertFalse(assess(scan(BatchStatus.RELEASED, "FR", null), phone(3, false, sold), RiskAssessor.Signals.NONE).suspect(),
                "a family's third phone within the weeks of the sale is not suspect");
    }

    @Test
    void aNewPhoneInAnotherCountryOfTheMarketsAddsRiskAndATravellingOwnerOrAHouseholdDoesNot() {
        OffsetDateTime sold = OffsetDateTime.parse("2026-03-01T10:00:00Z");
        ScanToRecord inBelgium = scan(BatchStatus.RELEASED, "BE", null);
        assertTrue(RiskAssessor.otherCountry(inBelgium, phone(2, false, sold)));
        assertFalse(RiskAssessor.otherCountry(inBelgium, phone(2, true, sold)), "the owner's phone in Belgium");
        assertFalse(RiskAssessor.otherCountry(inBelgium, new CodeHistory(false, false, sold, "FR", 3, 1, null, null, true, false, null)),
                "a browser of the household");
        assertFalse(RiskAssessor.otherCountry(scan(BatchStatus.RELEASED, "FR", null), phone(2, false, sold)), "the same country");
        assertFalse(RiskAssessor.otherCountry(scan(BatchStatus.RELEASED, "DE", null), phone(2, false, sold)),
                "outside the markets, out_of_market says it");
        RiskAssessor.Signals elsewhere = new RiskAssessor.Signals(false, false, false, true);
        Assessment second = assess(inBelgium, phone(2, false, sold), elsewhere);
        assertEquals(List.of("other_devices", "other_country"), second.reasons());
        assertEquals(30, second.risk());
        assertFalse(second.suspect(), "a gift across the border is one new phone");
        assertFalse(assess(inBelgium, phone(3, false, sold), elsewhere).suspect(), "a third phone: 30 + 15");
        assertTrue(assess(inBelgium, phone(4, false, sold), elsewhere).suspect(), "a fourth phone: 45 + 15");
    }

    @Test
    void theScoreIsCappedAtOneHundred() {
        Assessment all = assess(scan(BatchStatus.VOIDED, "CN", null), devices(9), new RiskAssessor.Signals(true, true));
        assertEquals(100, all.risk());
    }

    @Test
    void aBrandsSuspectScoreMovesTheLine() {
        RuleSettings strict = new RuleSettings(5, 900, true, 3, 10, 200, 3, 7, 30, 10, 21, 8);
        assertTrue(RiskAssessor.assess(strict, scan(BatchStatus.RELEASED, "FR", null), devices(3), RiskAssessor.Signals.NONE).suspect());
    }
}
