package dev.touchmark.alert;

import dev.touchmark.domain.Place;

import dev.touchmark.domain.Verdict;

import dev.touchmark.domain.NotGenuineReason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertTextsTest {
    private static final Pattern UNFILLED = Pattern.compile("\\{[^}]*}");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final AlertTexts.Travel TRAVEL = new AlertTexts.Travel(1234.56, 125.4, 591.2);
    private static final AlertTexts.CountryMove COUNTRY_MOVE = new AlertTexts.CountryMove("FR", "AE", 4054.2, 95, 2560.5);

    /** A summary of each rule as the detector makes it; the switch has no default, so a new rule must add one. */
    private static AlertText summaryOf(Rule rule) {
        return switch (rule) {
            case CLONED_CODE -> AlertTexts.cloned(7, 12, 5, 5);
            case IMPOSSIBLE_TRAVEL -> AlertTexts.travel(7, 12, TRAVEL, 900);
            case OUT_OF_MARKET -> AlertTexts.market(7, "CN", Set.of("FR", "BE"), 3);
            case UNRELEASED_SCAN, RECALLED_SCAN, VOIDED_SCAN -> AlertTexts.status(rule, 7);
            case FORGED_CODE -> AlertTexts.forged(7L, NotGenuineReason.BAD_SIGNATURE);
            case OVERRUN -> AlertTexts.overrun(7, null, 5000);
            case SCAN_BURST -> AlertTexts.burst(7, 240, 2.345, 10);
            case HOTSPOT -> AlertTexts.hotspot(3, 7, 457, -12);
            case SHOPPER_REPORT -> AlertTexts.report(7L, 12L, "Market stall", "Rue de Rivoli", "Smells wrong");
            case ALLIANCE_MATCH -> AlertTexts.allianceMatch(new AllianceMatch(1, 2, AllianceMatch.Kind.HOTSPOT, "104:26", 2,
                    List.of("Acme Watches"), 30, Place.centreOf("104:26")));
        };
    }

    /** Every other sentence the detector writes: the variants of summaries and the evidence notes. */
    private static List<AlertText> otherTexts() {
        return List.of(
                AlertTexts.clonedNote(5, "FR"),
                AlertTexts.clonedNote(5, null),
                AlertTexts.travelNote(TRAVEL),
                AlertTexts.forged(null, NotGenuineReason.UNKNOWN_BATCH),
                AlertTexts.burst(7, 240, 0.01, 10),
                AlertTexts.burstNote(7, 240, OffsetDateTime.parse("2026-03-10T11:00:00Z")),
                AlertTexts.hotspotNote(7, 12),
                AlertTexts.scanNote(Verdict.SUSPECT, null, null),
                AlertTexts.scanNote(Verdict.NOT_GENUINE, "FR", null).then(AlertTexts.reason(NotGenuineReason.BAD_SIGNATURE)),
                AlertTexts.scanNote(Verdict.GENUINE, "FR", new Place(488, 23)),
                AlertTexts.report(null, null, null, null, null),
                AlertTexts.reportNote(31, "Market stall", "Rue de Rivoli", "Smells wrong"),
                AlertTexts.allianceMatch(new AllianceMatch(1, 2, AllianceMatch.Kind.SELLER, "shop.example/listing/7", 1,
                        List.of(), 30, null)),
                AlertTexts.allianceMatch(new AllianceMatch(1, 2, AllianceMatch.Kind.HOST, "tuchmark-verify.example", 3,
                        List.of("A", "B"), 30, null)),
                AlertTexts.allianceMatch(new AllianceMatch(1, 2, AllianceMatch.Kind.WAVE, "104:26@2026-W48", 1,
                        List.of(), 30, Place.centreOf("104:26"))),
                AlertTexts.allianceNote(new AllianceMatch(1, 2, AllianceMatch.Kind.HOST, "h.example", 2, List.of(), 30, null)),
                AlertTexts.scanNote(Verdict.NOT_GENUINE, "FR", null).then(AlertTexts.overrunNote(7, null, 5012, 5000)),
                AlertTexts.countryTravel(7, null, 12, COUNTRY_MOVE, 900),
                AlertTexts.countryTravelNote(COUNTRY_MOVE),
                AlertTexts.marketSpread(7, null, Set.of("FR"), 12),
                AlertTexts.marketSpreadNote(7, null, 12),
                AlertTexts.clonedLate(7, null, 12, 3, 24),
                AlertTexts.clonedElsewhere(7, null, 12, 4, "BE", "FR"),
                AlertTexts.run(7, null, 64, 127, 8, 21),
                AlertTexts.run(7, null, 64, 127, 8, 21, 3),
                AlertTexts.runNote(7, null, 70),
                AlertTexts.runSecondNote(7, null, 71));
    }

    /** The sentences naming batches by lot number and codes by serial, and the notes of codes a diversion counts. */
    private static List<AlertText> lotTexts() {
        return List.of(
                AlertTexts.marketNote(7, null, 12, "CN"),
                AlertTexts.marketNote(7, "L-7", 12, "CN"),
                AlertTexts.cloned(7, "L-7", 12, 5, 5),
                AlertTexts.travel(7, "L-7", 12, TRAVEL, 900),
                AlertTexts.market(7, "L-7", "CN", Set.of("FR"), 3),
                AlertTexts.status(Rule.UNRELEASED_SCAN, 7, "L-7"),
                AlertTexts.status(Rule.RECALLED_SCAN, 7, "L-7"),
                AlertTexts.status(Rule.VOIDED_SCAN, 7, "L-7"),
                AlertTexts.forged(7L, "L-7", NotGenuineReason.BAD_SIGNATURE),
                AlertTexts.overrun(7, "L-7", 5000),
                AlertTexts.scanNote(Verdict.NOT_GENUINE, null, null).then(AlertTexts.overrunNote(7, "L-7", 5012, 5000)),
                AlertTexts.burst(7, "L-7", 240, 2.345, 10),
                AlertTexts.burst(7, "L-7", 240, 0.01, 10),
                AlertTexts.burstNote(7, "L-7", 240, OffsetDateTime.parse("2026-03-10T11:00:00Z")),
                AlertTexts.hotspotNote(7, "L-7", 12),
                AlertTexts.report(7L, "L-7", 12L, "Market stall", null, null),
                AlertTexts.countryTravel(7, "L-7", 12, COUNTRY_MOVE, 900),
                AlertTexts.marketSpread(7, "L-7", Set.of("FR"), 12),
                AlertTexts.marketSpreadNote(7, "L-7", 12),
                AlertTexts.clonedLate(7, "L-7", 12, 3, 24),
                AlertTexts.clonedElsewhere(7, "L-7", 12, 4, "BE", "FR"),
                AlertTexts.run(7, "L-7", 64, 127, 8, 21),
                AlertTexts.run(7, "L-7", 64, 127, 8, 21, 1),
                AlertTexts.runNote(7, "L-7", 70),
                AlertTexts.runSecondNote(7, "L-7", 71));
    }

    private static List<AlertText> allTexts() {
        List<AlertText> all = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            all.add(summaryOf(rule));
        }
        all.addAll(otherTexts());
        all.addAll(lotTexts());
        return all;
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyRuleExplainsItsAlertsInEnglishAndInChinese(Rule rule) {
        String en = summaryOf(rule).in(Lang.EN);
        String zh = summaryOf(rule).in(Lang.ZH);
        assertTrue(en.length() >= 30 && en.endsWith("."), en);
        assertTrue(zh.length() >= 15 && zh.endsWith("。"), zh);
        assertFalse(HAN.matcher(en).find(), "no Chinese in the English: " + en);
        assertTrue(HAN.matcher(zh).find(), "the Chinese is Chinese: " + zh);
        assertNotEquals(en, zh);
    }

    @Test
    void alertsNameABatchByItsLotNumberAndACodeByItsSerialAsPrintedInBothLanguages() {
        String serial = dev.touchmark.code.CodeFormat.serial(7, 12);
        String en = AlertTexts.cloned(7, "L-2026-03", 12, 5, 5).in(Lang.EN);
        assertTrue(en.startsWith("Code " + serial + " of lot L-2026-03 has been verified"), en);
        String zh = AlertTexts.cloned(7, "L-2026-03", 12, 5, 5).in(Lang.ZH);
        assertTrue(zh.startsWith("批号 L-2026-03 的码 " + serial + " 已在"), zh);
        assertTrue(AlertTexts.status(Rule.UNRELEASED_SCAN, 7, "L-9").in(Lang.EN).contains("lot L-9"));
        assertTrue(AlertTexts.hotspotNote(7, "L-9", 12).in(Lang.ZH).contains("批号 L-9 的可疑码 " + serial));
        assertTrue(AlertTexts.cloned(7, null, 12, 5, 5).in(Lang.EN).startsWith("Code 12 of batch 7"),
                "a batch without a lot number is named by its id");
    }

    @Test
    void everyMessageIsUsedAndEveryPlaceholderIsFilledInBothLanguages() {
        Set<AlertMessage> used = EnumSet.noneOf(AlertMessage.class);
        for (AlertText text : allTexts()) {
            used.addAll(messagesOf(text));
            for (Lang lang : Lang.values()) {
                String written = text.in(lang);
                assertFalse(UNFILLED.matcher(written).find(), "unfilled placeholder: " + written);
                assertFalse(written.contains("null"), written);
                assertFalse(written.isBlank());
            }
        }
        assertEquals(EnumSet.allOf(AlertMessage.class), used, "every message is exercised here");
    }

    @ParameterizedTest
    @EnumSource(AlertMessage.class)
    void bothLanguagesOfAMessageNameTheSameKnownFacts(AlertMessage message) {
        for (Lang lang : Lang.values()) {
            // The templates are ICU patterns ({codes, plural, ...}), so ICU names their arguments.
            Set<String> named = new java.util.TreeSet<>(
                    new com.ibm.icu.text.MessageFormat(message.template(lang), lang.locale()).getArgumentNames());
            for (String key : named) {
                assertTrue(Fact.of(key).isPresent(), message + " names an unknown fact {" + key + "}");
            }
            assertEquals(message.facts().stream().map(Fact::key).collect(java.util.stream.Collectors.toCollection(
                    java.util.TreeSet::new)), named, message + " in " + lang);
        }
    }

    @Test
    void theEnglishIsWordForWordWhatAlertsSaidBeforeFactsWereKept() {
        assertEquals("Code 12 of batch 7 has been verified on 5 different phones (the threshold is 5). Genuine labels are"
                + " scanned by one buyer and perhaps their family; this label has most likely been copied onto counterfeits.",
                summaryOf(Rule.CLONED_CODE).in(Lang.EN));
        assertEquals("3 codes of batch 7 were scanned in China (CN) in the last 30 days, which is not one of its markets"
                + " (BE, FR): the goods may have been diverted to a grey market.", summaryOf(Rule.OUT_OF_MARKET).in(Lang.EN));
        assertEquals("Scan with verdict not genuine in France (FR). Reason: bad signature.", otherTexts().get(8).in(Lang.EN));
        assertEquals("Code 12 of batch 7: A shopper reported a problem with the seller \"Market stall\" at \"Rue de Rivoli\":"
                + " \"Smells wrong\".", summaryOf(Rule.SHOPPER_REPORT).in(Lang.EN));
        assertEquals("A shopper reported a problem.", AlertTexts.report(null, null, " ", null, "").in(Lang.EN));
        assertEquals("240 scans of batch 7 in the hour from 11:00 UTC.", otherTexts().get(5).in(Lang.EN));
    }

    @Test
    void anOverrunSaysTheCodesAreSignedWithTheBrandsKeyBeyondTheBatchNotForged() {
        String en = summaryOf(Rule.OVERRUN).in(Lang.EN);
        assertTrue(en.contains("valid signature") && en.contains("beyond the batch's 5,000 codes")
                && en.contains("not genuine products of this batch") && !en.contains("not made with your key"), en);
        assertEquals("Scan with verdict not genuine in France (FR). Code 5012 of batch 7 is beyond the batch's 5,000 codes.",
                AlertTexts.scanNote(Verdict.NOT_GENUINE, "FR", null).then(AlertTexts.overrunNote(7, null, 5012, 5000)).in(Lang.EN));
    }

    @Test
    void travelBetweenCountriesNamesBothAndSaysTheDistanceIsALeastOne() {
        assertEquals("Code 12 of batch 7 was scanned in United Arab Emirates (AE) 1 h 35 min after a scan in France (FR): the two"
                + " countries are at least 4,054 km apart, 2,561 km/h, faster than the 900 km/h anyone can travel. Two labels carry"
                + " the same code, or a copy of its link is being checked far away.",
                AlertTexts.countryTravel(7, null, 12, COUNTRY_MOVE, 900).in(Lang.EN));
        String zh = AlertTexts.countryTravelNote(COUNTRY_MOVE).in(Lang.ZH);
        assertTrue(zh.contains("法国（FR）") && zh.contains("4,054 公里"), zh);
    }

    @Test
    void numbersAreRoundedGroupedAndWrittenForTheLanguage() {
        String en = summaryOf(Rule.IMPOSSIBLE_TRAVEL).in(Lang.EN);
        assertTrue(en.contains(" 1,235 km from its previous located scan, 2 h 5 min later: 591 km/h, faster than the 900 km/h"), en);
        String zh = summaryOf(Rule.IMPOSSIBLE_TRAVEL).in(Lang.ZH);
        assertTrue(zh.contains("1,235 公里") && zh.contains("2 小时 5 分钟") && zh.contains("时速 591 公里"), zh);
        assertTrue(AlertTexts.travelNote(new AlertTexts.Travel(80.2, 12.6, 381.9)).in(Lang.ZH).startsWith("距 12 分钟前的上一次有位置的扫码 80 公里（时速 382 公里）"));

        assertTrue(summaryOf(Rule.SCAN_BURST).in(Lang.EN).contains("240 scans in one hour (2.3 per hour on average last week;"));
        assertTrue(summaryOf(Rule.SCAN_BURST).in(Lang.ZH).contains("平均每小时 2.3 次"));
        assertTrue(AlertTexts.burst(7, 12_345, 1234.56, 10).in(Lang.EN).contains("12,345 scans in one hour (1,234.6 per hour"));
        assertTrue(AlertTexts.burst(7, 240, 0.01, 10).in(Lang.EN).contains("(almost none before;"));

        assertTrue(summaryOf(Rule.HOTSPOT).in(Lang.EN).contains("around 45.7, -1.2:"), summaryOf(Rule.HOTSPOT).in(Lang.EN));
        assertTrue(summaryOf(Rule.HOTSPOT).in(Lang.ZH).contains("45.7, -1.2"));

        String big = AlertTexts.cloned(1234, 98765, 12_000, 5).in(Lang.EN);
        assertTrue(big.startsWith("Code 98765 of batch 1234 has been verified on 12,000 different phones"), "ids are not grouped: " + big);
        assertTrue(AlertTexts.cloned(1234, 98765, 12_000, 5).in(Lang.ZH).contains("批次 1234 的码 98765 已在 12,000 部"));
    }

    @Test
    void countriesVerdictsAndReasonsAreNamedInTheLanguage() {
        String zh = summaryOf(Rule.OUT_OF_MARKET).in(Lang.ZH);
        assertTrue(zh.contains("在中国（CN）被扫描") && zh.contains("（BE、FR）"), zh);
        assertEquals("扫码结论：非正品，地点：法国（FR）。原因：签名不匹配。", otherTexts().get(8).in(Lang.ZH));
        assertEquals("扫码结论：正品，位置：48.8, 2.3 附近。", otherTexts().get(9).in(Lang.ZH));
        assertEquals("在法国（FR）的第 5 部手机上验证。", AlertTexts.clonedNote(5, "FR").in(Lang.ZH));
        assertTrue(AlertTexts.market(7, "AA", Set.of("FR"), 3).in(Lang.ZH).contains("在AA被扫描"),
                "a code that names no known country is shown as it is");
        assertTrue(AlertText.of(AlertMessage.FORGED, Map.of(Fact.BATCH, 7L, Fact.REASON, "some_new_reason")).in(Lang.ZH).contains("（some new reason）"),
                "a reason without a translation is shown in words");
    }

    @Test
    void whatAShopperWroteIsKeptAsWrittenOnOneLineAndBounded() {
        AlertText text = AlertTexts.report(7L, 12L, "  Stall \"B\"\n", "Shanghai 上海", "Line one\r\nline two\t");
        assertEquals("批次 7 的码 12：一位消费者报告了问题，卖家：“Stall \"B\"”，地点：“Shanghai 上海”，说明：“Line one line two”。",
                text.in(Lang.ZH));
        String quotes = "\"".repeat(200);
        String controls = "\u0001".repeat(2000);
        AlertText worst = AlertTexts.report(Long.MAX_VALUE, Long.MAX_VALUE, quotes, quotes, "\\".repeat(2000) + controls);
        assertTrue(worst.json().length() <= 2000, "fits the facts column: " + worst.json().length());
        for (Lang lang : Lang.values()) {
            assertTrue(worst.in(lang).length() <= AlertText.MAX_CHARS);
            assertTrue(worst.in(lang).endsWith("…"));
        }
        // A comment cut where an emoji stands loses the whole emoji, never half of it.
        String emojiAtTheCut = "a".repeat(298) + "\uD83D\uDE00" + "b".repeat(50);
        String cut = AlertTexts.report(7L, 12L, null, null, emojiAtTheCut).in(Lang.EN);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            assertTrue(!Character.isSurrogate(c) || (Character.isHighSurrogate(c) && i + 1 < cut.length()
                    && Character.isLowSurrogate(cut.charAt(i + 1))) || (Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(cut.charAt(i - 1))), "no lone surrogate at " + i + " in " + cut);
        }
    }

    @Test
    void factsSurviveTheDatabaseAndWriteTheSameSentences() {
        for (AlertText text : allTexts()) {
            Optional<AlertText> back = AlertText.parse(text.json());
            assertEquals(Optional.of(text), back, text.json());
            for (Lang lang : Lang.values()) {
                assertEquals(text.in(lang), back.orElseThrow().in(lang));
            }
        }
        assertEquals("[{\"message\":\"cloned\",\"batch\":7,\"code\":12,\"devices\":5,\"threshold\":5}]",
                summaryOf(Rule.CLONED_CODE).json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "[]", "not json", "[{\"message\":\"no_such_message\"}]",
        "[{\"batch\":7}]", "[{\"message\":\"recalled\"}]", "[{\"message\":\"recalled\",\"batch\":\"7\"}]",
        "[{\"message\":\"recalled\",\"batch\":7.5}]", "[{\"message\":\"recalled\",\"batch\":7,\"code\":1}]",
        "[{\"message\":\"market\",\"codes\":3,\"batch\":7,\"country\":\"CN\",\"markets\":[\"FR\",3]}]",
        "[{\"message\":\"recalled\",\"batch\":7},\"x\"]", "[{\"message\":\"recalled\",\"batch\":7}"})
    void factsThisVersionCannotWriteOutFallBackToTheStoredEnglish(String json) {
        assertEquals(Optional.empty(), AlertText.parse(json));
    }

    @Test
    void missingFactsFallBackToo() {
        assertEquals(Optional.empty(), AlertText.parse(null));
    }

    @Test
    void aMessageRefusesFactsItDoesNotName() {
        assertThrows(IllegalArgumentException.class, () -> AlertText.of(AlertMessage.RECALLED, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> AlertText.of(AlertMessage.RECALLED,
                Map.of(Fact.BATCH, 7L, Fact.CODE, 1L)));
        assertThrows(RuntimeException.class, () -> AlertText.of(AlertMessage.RECALLED, Map.of(Fact.BATCH, "seven")));
        assertThrows(IllegalArgumentException.class, () -> AlertTexts.travel(7, 12,
                new AlertTexts.Travel(Double.NaN, 1, 1), 900));
    }

    @Test
    void englishCountsTakeTheirPluralAndAreGroupedInBothLanguages() {
        assertTrue(AlertTexts.market(12, "FR", Set.of("BE"), 1).in(Lang.EN).startsWith(
                "1 code of batch 12 was scanned in France (FR) in the last 30 days"));
        assertTrue(AlertTexts.market(12, "FR", Set.of("BE"), 1234).in(Lang.EN).startsWith(
                "1,234 codes of batch 12 were scanned in France (FR)"));
        assertTrue(AlertTexts.market(12, "FR", Set.of("BE"), 1234).in(Lang.ZH).contains("批次 12 有 1,234 个码在法国（FR）"));
        assertTrue(AlertTexts.hotspot(1, 1, 457, -12).in(Lang.EN).startsWith(
                "1 suspect code was scanned in the last day within the same area of about 50 km around 45.7, -1.2:"));
        assertTrue(AlertTexts.hotspot(3, 30, 457, -12).in(Lang.EN).startsWith("3 suspect codes were scanned in the last 30 days"));
    }

    @Test
    void textsStoredByEarlierVersionsStillReadTheSameInBothLanguages() {
        // Rows written before the words moved to the resource bundles: their ids and fact keys must keep working.
        AlertText travel = AlertText.parse("[{\"message\":\"travel_note\",\"km\":1234.6,\"minutes\":125.0,"
                + "\"kmh\":592.6},{\"message\":\"reason\",\"reason\":\"bad_signature\"}]").orElseThrow();
        assertEquals("Located 1,235 km from the previous located scan 2 h 5 min before (593 km/h). Reason: bad signature.",
                travel.in(Lang.EN));
        assertEquals("距 2 小时 5 分钟前的上一次有位置的扫码 1,235 公里（时速 593 公里）。原因：签名不匹配。", travel.in(Lang.ZH));
        AlertText market = AlertText.parse("[{\"message\":\"market\",\"codes\":3,\"batch\":12,\"country\":\"FR\","
                + "\"markets\":[\"BE\",\"DE\"]},{\"message\":\"scan_note_in\",\"verdict\":\"seen_before\","
                + "\"country\":\"CN\"}]").orElseThrow();
        assertEquals("3 codes of batch 12 were scanned in France (FR) in the last 30 days, which is not one of its markets"
                + " (BE, DE): the goods may have been diverted to a grey market.Scan with verdict seen before in China (CN).",
                market.in(Lang.EN));
        assertEquals("过去 30 天内，批次 12 有 3 个码在法国（FR）被扫描，而该地不在其销售市场（BE、DE）之内：这些货品可能被转卖到了"
                + "灰色市场。扫码结论：已被验证过，地点：中国（CN）。", market.in(Lang.ZH));
    }

    private static Set<AlertMessage> messagesOf(AlertText text) {
        Set<AlertMessage> found = EnumSet.noneOf(AlertMessage.class);
        // The stored form names each message; reading it back is how the messages of a text are seen from outside.
        for (AlertMessage message : AlertMessage.values()) {
            if (text.json().contains("\"message\":\"" + message.id() + "\"")) {
                found.add(message);
            }
        }
        return found;
    }

    @Test
    void aDuplicateRunsSummaryWithALongLotAndSecondPhonesIsAWholeSentence() {
        for (AlertText run : List.of(AlertTexts.run(123456, "L".repeat(40), 3456, 3519, 10, 14, 4),
                AlertTexts.run(123456, "L".repeat(40), 3456, 3519, 10, 14))) {
            String text = run.in(Lang.EN);
            assertTrue(text.length() < AlertText.MAX_CHARS && text.endsWith("."), text);
        }
    }
}
