package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;
import dev.touchmark.i18n.Lang;
import dev.touchmark.verify.VerificationResult;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the verdict page and the API say about expired products, unreadable input and reports. */
class VerdictTextsTest {
    private static final OffsetDateTime CHECKED = OffsetDateTime.of(2026, 12, 5, 9, 30, 0, 0, ZoneOffset.UTC);
    private static final PageLinks PAGE = new PageLinks("/v/X?lang=zh", "/report", "/scan");
    private static final PageLinks NO_FORM = new PageLinks("/v/X?lang=zh", null, "/scan");

    private static VerificationResult product(Verdict verdict, LocalDate expiry) {
        return new VerificationResult(verdict, null, "41", "Acme", "Serum", null, null, "L-1", expiry, "S1",
                CHECKED.minusDays(3), "FR", 2, 2, CHECKED, 0, List.of(), "FR");
    }

    private static VerificationResult notGenuine(NotGenuineReason reason, String scanId) {
        return new VerificationResult(Verdict.NOT_GENUINE, reason, scanId, null, null, null, null, null, null, null,
                null, null, 0, 0, CHECKED, 0, List.of(), null);
    }

    private static String all(VerdictTexts t) {
        return t.title() + "\n" + String.join("\n", t.explanation()) + "\n" + String.join("\n", t.advice());
    }

    // ---- expiry ----

    @Test
    void aGenuineProductPastItsExpiryIsAWarningWithTheDateNotEnjoyYourPurchase() {
        VerificationResult r = product(Verdict.GENUINE, LocalDate.of(2026, 11, 30));
        VerdictTexts en = VerdictTexts.of(r, Lang.EN, VerdictTexts.Where.of(PAGE));
        assertEquals(Tone.ORANGE, en.tone());
        assertEquals("Genuine, but expired", en.title());
        assertEquals(List.of("This product is genuine, but it expired on 30 Nov 2026."), en.explanation());
        assertTrue(en.advice().get(0).startsWith("Do not use it"), en.advice().toString());
        assertFalse(all(en).contains("Enjoy"), all(en));
        VerdictTexts zh = VerdictTexts.of(r, Lang.ZH, VerdictTexts.Where.of(PAGE));
        assertEquals("正品，但已过期", zh.title());
        assertEquals(List.of("这件产品是正品，但已于2026年11月30日过期。"), zh.explanation());
        assertTrue(zh.advice().get(0).startsWith("请勿使用"), zh.advice().toString());
    }

    @Test
    void aProductExpiringOnTheDayOfTheCheckOrLaterIsStillInDate() {
        assertFalse(VerdictTexts.isExpired(product(Verdict.GENUINE, LocalDate.of(2026, 12, 5))));
        assertTrue(VerdictTexts.isExpired(product(Verdict.GENUINE, LocalDate.of(2026, 12, 4))));
        assertFalse(VerdictTexts.isExpired(product(Verdict.GENUINE, null)));
        assertEquals("Genuine product",
                VerdictTexts.of(product(Verdict.GENUINE, LocalDate.of(2026, 12, 5)), Lang.EN, VerdictTexts.Where.API).title());
    }

    @Test
    void anExpiredProductCheckedBeforeKeepsItsVerdictLosesNothingToDoAndAddsTheExpiry() {
        VerdictTexts t = VerdictTexts.of(product(Verdict.SEEN_BEFORE, LocalDate.of(2025, 1, 31)), Lang.EN,
                VerdictTexts.Where.of(PAGE));
        assertEquals("Genuine code, checked before", t.title());
        assertEquals(Tone.ORANGE, t.tone());
        assertTrue(t.explanation().contains("This product also expired on 31 Jan 2025."), t.explanation().toString());
        assertFalse(all(t).contains("nothing to do"), all(t));
        assertTrue(t.advice().get(0).startsWith("Do not use it"));
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"SUSPECT", "RECALLED", "NOT_RELEASED", "VOIDED"})
    void otherVerdictsOfAnExpiredProductKeepTheirHeadlineAndToneAndSayItExpired(Verdict verdict) {
        VerdictTexts plain = VerdictTexts.of(product(verdict, null), Lang.ZH, VerdictTexts.Where.of(PAGE));
        VerdictTexts expired = VerdictTexts.of(product(verdict, LocalDate.of(2025, 1, 31)), Lang.ZH,
                VerdictTexts.Where.of(PAGE));
        assertEquals(plain.title(), expired.title());
        assertEquals(plain.tone(), expired.tone());
        assertTrue(expired.explanation().contains("这件产品也已于2025年1月31日过期。"), expired.explanation().toString());
    }

    // ---- unreadable input ----

    @Test
    void unreadableInputIsACalmVerdictOfItsOwnWithThingsToTryInBothLanguages() {
        VerdictTexts en = VerdictTexts.of(notGenuine(NotGenuineReason.MALFORMED, null), Lang.EN, VerdictTexts.Where.of(NO_FORM));
        assertEquals(Tone.BLUE, en.tone());
        assertEquals("We could not read this code", en.title());
        assertTrue(en.explanation().get(0).contains("This does not mean that it is fake."), en.explanation().toString());
        assertTrue(en.advice().get(0).startsWith("Scan the label again"), en.advice().toString());
        assertTrue(all(en).contains("Touchmark scanner") && all(en).contains("letter O"), all(en));
        for (String word : List.of("Not genuine", "Do not use", "forged", "report", "Report", "below")) {
            assertFalse(all(en).contains(word), word + " in " + all(en));
        }
        VerdictTexts zh = VerdictTexts.of(notGenuine(NotGenuineReason.MALFORMED, null), Lang.ZH, VerdictTexts.Where.of(NO_FORM));
        assertEquals("无法读取这个码", zh.title());
        assertTrue(zh.explanation().get(0).contains("这并不表示它是假货"), zh.explanation().toString());
        assertFalse(all(zh).contains("非正品") || all(zh).contains("下方"), all(zh));
    }

    @Test
    void theScannerButtonIsOnlyMentionedWhereThePageHasIt() {
        VerdictTexts api = VerdictTexts.of(notGenuine(NotGenuineReason.MALFORMED, null), Lang.EN, VerdictTexts.Where.API);
        assertFalse(all(api).contains("button"), all(api));
        assertTrue(api.advice().get(0).startsWith("Scan the label again"));
    }

    @Test
    void aWellFormedCodeWhoseSignatureFailsStaysNotGenuineAndMentionsTyping() {
        VerdictTexts t = VerdictTexts.of(notGenuine(NotGenuineReason.BAD_SIGNATURE, "7"), Lang.EN, VerdictTexts.Where.of(PAGE));
        assertEquals(Tone.RED, t.tone());
        assertEquals("Not genuine", t.title());
        assertTrue(all(t).contains("If you typed the code by hand"), all(t));
        assertTrue(all(t).contains("Do not use the product."));
    }

    // ---- the report form ----

    @Test
    void reportItBelowOnlyWhereTheFormIs() {
        VerificationResult unknownKey = notGenuine(NotGenuineReason.UNKNOWN_KEY, null);
        for (Lang lang : Lang.values()) {
            String withForm = all(VerdictTexts.of(notGenuine(NotGenuineReason.UNKNOWN_KEY, "9"), lang, VerdictTexts.Where.of(PAGE)));
            String without = all(VerdictTexts.of(unknownKey, lang, VerdictTexts.Where.of(NO_FORM)));
            String below = lang == Lang.EN ? "below" : "下方";
            assertTrue(withForm.contains(below), withForm);
            assertFalse(without.contains(below), without);
            for (Verdict v : Verdict.values()) {
                String api = all(VerdictTexts.of(product(v, null), lang, VerdictTexts.Where.API));
                assertFalse(api.contains(below), v + ": " + api);
            }
        }
        assertTrue(all(VerdictTexts.of(unknownKey, Lang.EN, VerdictTexts.Where.of(NO_FORM)))
                .contains("Tell the brand where you bought it"));
    }

    @Test
    void aPageWithoutTheFormNeverSaysBelow() {
        String page = VerifyPage.render(notGenuine(NotGenuineReason.UNKNOWN_KEY, null), Lang.EN,
                new PageLinks("/v/X?lang=zh", null, "/scan"));
        assertFalse(page.contains("<form"), "no form on the page");
        assertFalse(page.contains("below"), page);
        String unreadable = VerifyPage.render(notGenuine(NotGenuineReason.MALFORMED, null), Lang.ZH,
                new PageLinks("/v/X?lang=en", null, "/scan"));
        assertTrue(unreadable.contains("class=\"tone-blue\"") && unreadable.contains("<h1>无法读取这个码</h1>"), unreadable);
        assertFalse(unreadable.contains("<form") || unreadable.contains("非正品"), unreadable);
        assertTrue(unreadable.contains("class=\"btn primary\" href=\"/scan\""), "the scanner is the way forward");
    }
}
