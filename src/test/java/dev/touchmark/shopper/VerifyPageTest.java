package dev.touchmark.shopper;

import dev.touchmark.verify.VerificationResult;

import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyPageTest {
    static final PageLinks LINKS = new PageLinks("/v/ABC?lang=zh", "/v/ABC/report", "/scan");
    static final PageLinks NO_REPORT = new PageLinks("/v/ABC?lang=zh", null, "/scan");
    static final OffsetDateTime CHECKED = OffsetDateTime.of(2026, 11, 30, 9, 30, 0, 0, ZoneOffset.UTC);
    /** 15:05 in Paris is 14:05 UTC. */
    static final OffsetDateTime FIRST = OffsetDateTime.of(2026, 11, 29, 15, 5, 0, 0, ZoneOffset.ofHours(1));

    static VerificationResult result(Verdict verdict) {
        return new VerificationResult(verdict, null, "scn_7f3a9", "Acme Skincare", "Hydra Cream 50 ml",
                "  Rich moisturising cream.\nFor dry skin.  ", "https://cdn.example.com/cream.jpg", "L2026-11",
                LocalDate.of(2028, 5, 31), "000123", FIRST, "FR", 14, 6, CHECKED, 0, List.of(), null);
    }

    static VerificationResult notGenuine(NotGenuineReason reason) {
        return new VerificationResult(Verdict.NOT_GENUINE, reason, "scn_x1", null, null, null, null, null, null,
                null, null, null, 1, 1, CHECKED, 0, List.of(), null);
    }

    static VerificationResult withProduct(Verdict verdict, String text, String imageUrl) {
        return new VerificationResult(verdict, null, text, text, text, text, imageUrl, text, null, text,
                FIRST, text, 3, 2, CHECKED, 0, List.of(), null);
    }

    static String render(Verdict verdict, Lang lang) {
        return VerifyPage.render(result(verdict), lang, LINKS);
    }

    @Test
    void genuineIsGreenWithReassuranceInBothLanguages() {
        String en = render(Verdict.GENUINE, Lang.EN);
        assertTrue(en.contains("Genuine product"));
        assertTrue(en.contains("class=\"tone-green\""));
        assertTrue(en.contains("<title>Genuine product · Touchmark</title>"));
        String zh = render(Verdict.GENUINE, Lang.ZH);
        assertTrue(zh.contains("<h1>正品</h1>"));
        assertTrue(zh.contains("class=\"tone-green\""));
    }

    @Test
    void genuineShowsProductDetailsTrimmedAndFormatted() {
        String en = render(Verdict.GENUINE, Lang.EN);
        assertTrue(en.contains("Acme Skincare"));
        assertTrue(en.contains("Hydra Cream 50 ml"));
        assertTrue(en.contains(">Rich moisturising cream.\nFor dry skin.</p>"), "description stripped");
        assertTrue(en.contains("L2026-11") && en.contains("000123"));
        assertTrue(en.contains("31 May 2028"));
        assertTrue(render(Verdict.GENUINE, Lang.ZH).contains("2028年5月31日"));
        assertTrue(en.contains("<img src=\"https://cdn.example.com/cream.jpg\" alt=\"Hydra Cream 50 ml\""
                + " width=\"320\" height=\"320\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">"));
    }

    @Test
    void everyVerdictPageShowsCheckTimeAndReference() {
        for (Verdict v : Verdict.values()) {
            String en = render(v, Lang.EN);
            assertTrue(en.contains("Checked <time datetime=\"2026-11-30T09:30:00Z\">just now</time>"), v.id());
            assertFalse(en.contains("UTC"), "no time in UTC: " + v.id());
            assertTrue(en.contains("Reference: scn_7f3a9"), v.id());
            String zh = render(v, Lang.ZH);
            assertTrue(zh.contains("验证时间：<time datetime=\"2026-11-30T09:30:00Z\">刚刚</time>"), v.id());
            assertTrue(zh.contains("参考编号：scn_7f3a9"), v.id());
        }
        VerificationResult noId = new VerificationResult(Verdict.GENUINE, null, null, "B", "P", null, null, null,
                null, null, null, null, 1, 1, CHECKED, 0, List.of(), null);
        assertFalse(VerifyPage.render(noId, Lang.EN, LINKS).contains("Reference:"));
    }

    @Test
    void seenBeforeSaysWhenAndWhereInThePageLanguage() {
        String en = render(Verdict.SEEN_BEFORE, Lang.EN);
        assertTrue(en.contains("Genuine code, checked before"));
        assertTrue(en.contains("class=\"tone-blue\""));
        assertTrue(en.contains("another phone checked it first, 19 hours ago, in France."), en);
        assertTrue(en.contains("just bought this product sealed"));
        String zh = render(Verdict.SEEN_BEFORE, Lang.ZH);
        assertTrue(zh.contains("已被验证过的正品码"));
        assertTrue(zh.contains("但19小时前已在法国被另一部手机验证过。"), zh);
    }

    @Test
    void seenBeforeWithoutCountrySaysUnknownPlace() {
        VerificationResult r = new VerificationResult(Verdict.SEEN_BEFORE, null, "s", "B", "P", null, null, null,
                null, null, FIRST, null, 2, 2, CHECKED, 0, List.of(), null);
        assertTrue(VerifyPage.render(r, Lang.EN, LINKS).contains("in an unknown place"));
        assertTrue(VerifyPage.render(r, Lang.ZH, LINKS).contains("未知地点"));
    }

    @Test
    void suspectExplainsWithTheCounts() {
        String en = render(Verdict.SUSPECT, Lang.EN);
        assertTrue(en.contains("<h1>Suspect</h1>"));
        assertTrue(en.contains("class=\"tone-orange\""));
        assertTrue(en.contains("checked on 6 different phones, 14 times in all"));
        assertTrue(en.contains("Do not use the product") && en.contains("Keep the receipt"));
        String zh = render(Verdict.SUSPECT, Lang.ZH);
        assertTrue(zh.contains("<h1>可疑</h1>"));
        assertTrue(zh.contains("6部不同的手机") && zh.contains("共14次"));
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"RECALLED", "NOT_RELEASED", "VOIDED"})
    void batchStateVerdictsHaveTheirWordsAndColour(Verdict v) {
        String en = render(v, Lang.EN);
        String zh = render(v, Lang.ZH);
        switch (v) {
            case RECALLED -> {
                assertTrue(en.contains("<h1>Recalled</h1>") && en.contains("Stop using the product"));
                assertTrue(zh.contains("<h1>已召回</h1>"));
                assertTrue(en.contains("class=\"tone-red\""));
            }
            case NOT_RELEASED -> {
                assertTrue(en.contains("<h1>Not released</h1>") && en.contains("should not be on sale"));
                assertTrue(zh.contains("<h1>尚未发布</h1>"));
                assertTrue(en.contains("class=\"tone-orange\""));
            }
            default -> {
                assertTrue(en.contains("<h1>Voided</h1>") && en.contains("Do not use the product"));
                assertTrue(zh.contains("<h1>已作废</h1>"));
                assertTrue(en.contains("class=\"tone-red\""));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = NotGenuineReason.class, names = "MALFORMED", mode = EnumSource.Mode.EXCLUDE)
    void notGenuineGivesTheReasonAndNoProduct(NotGenuineReason reason) {
        for (Lang lang : Lang.values()) {
            String page = VerifyPage.render(notGenuine(reason), lang, LINKS);
            assertTrue(page.contains(lang == Lang.EN ? "<h1>Not genuine</h1>" : "<h1>非正品</h1>"));
            assertTrue(page.contains("class=\"tone-red\""));
            assertTrue(page.contains(Html.escape(VerdictTexts.reasonText(reason, lang))), reason.id());
            assertFalse(page.contains("class=\"card product\""));
            assertFalse(page.contains("<img"));
        }
        // Even if a caller passed product data with NOT_GENUINE, none of it is shown.
        VerificationResult leaky = withProduct(Verdict.NOT_GENUINE, "Acme", "https://x.example/a.png");
        String page = VerifyPage.render(leaky, Lang.EN, LINKS);
        assertFalse(page.contains("<dt>") || page.contains("<img") || page.contains("About this product"));
    }

    @Test
    void reasonsArePlainWordsAndDistinct() {
        assertTrue(VerdictTexts.reasonText(NotGenuineReason.BAD_SIGNATURE, Lang.EN).contains("altered or forged"));
        assertTrue(VerdictTexts.reasonText(NotGenuineReason.DETAILS_MISMATCH, Lang.EN).contains("do not match"));
        assertTrue(VerdictTexts.reasonText(NotGenuineReason.UNKNOWN_BATCH, Lang.EN).contains("never issued"));
        String overrun = VerdictTexts.reasonText(NotGenuineReason.INDEX_OUT_OF_RANGE, Lang.EN);
        assertTrue(overrun.contains("valid signature") && overrun.contains("beyond the codes printed for its batch")
                && !overrun.contains("forged"), "an overrun is signed with the brand's key, not forged: " + overrun);
        assertTrue(VerifyPage.render(notGenuine(null), Lang.EN, LINKS).contains("Try scanning again"));
        assertFalse(VerifyPage.render(notGenuine(NotGenuineReason.BAD_SIGNATURE), Lang.EN, LINKS)
                .contains("Try scanning again"));
        assertTrue(VerifyPage.render(notGenuine(null), Lang.EN, LINKS).contains("could not be verified"));
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void hostileInputIsEscapedEverywhere(Verdict v) {
        for (String evil : new String[] {"<script>alert(1)</script>", "\" onerror=\"x", "' onmouseover='x"}) {
            VerificationResult r = withProduct(v, evil, "https://img.example/a.png?q=" + evil.replace(" ", ""));
            PageLinks links = new PageLinks(evil, evil, evil);
            for (Lang lang : Lang.values()) {
                String page = VerifyPage.render(r, lang, links);
                assertFalse(page.contains("<script>alert"), page);
                assertTrue(page.split("<script", -1).length <= 2, "only our own location script");
                assertFalse(page.contains("\" onerror=\""), page);
                assertFalse(page.contains("' onmouseover='"), page);
                assertFalse(page.contains(evil), "raw value in page");
            }
        }
    }

    @Test
    void imageOnlyForHttpUrls() {
        for (String bad : new String[] {"javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/a.png",
            " javascript:x", "https://a b.example/x.png"}) {
            String page = VerifyPage.render(withProduct(Verdict.GENUINE, "P", bad), Lang.EN, LINKS);
            assertFalse(page.contains("<img"), bad);
            assertFalse(page.contains(bad.strip()), bad);
        }
        assertTrue(VerifyPage.render(withProduct(Verdict.GENUINE, "P", "HTTP://a.example/x.png"), Lang.EN, LINKS)
                .contains("<img src=\"HTTP://a.example/x.png\""));
        VerificationResult noImage = withProduct(Verdict.GENUINE, "P", null);
        assertFalse(VerifyPage.render(noImage, Lang.EN, LINKS).contains("<img"));
    }

    @Test
    void everyPageIsSmallEvenWithLongHostileDescriptions() {
        String longText = "\"<>&'".repeat(800);
        String chinese = "正品保证，".repeat(800);
        int largest = 0;
        for (String description : new String[] {longText, chinese}) {
            for (Verdict v : Verdict.values()) {
                for (Lang lang : Lang.values()) {
                    VerificationResult r = new VerificationResult(v, NotGenuineReason.BAD_SIGNATURE, "s".repeat(40),
                            "B".repeat(200), "P".repeat(200), description, "https://x.example/" + "i".repeat(500),
                            "L".repeat(100), LocalDate.of(2027, 1, 1), "S".repeat(100), FIRST, "CN", 99, 42, CHECKED, 0, List.of(), null);
                    int size = VerifyPage.render(r, lang, LINKS).getBytes(StandardCharsets.UTF_8).length;
                    assertTrue(size < 50_000, v + " " + lang + " " + size);
                    largest = Math.max(largest, size);
                }
            }
        }
        System.out.println("largest verification page: " + largest + " bytes");
    }

    @Test
    void documentBasicsForAPhone() {
        String en = render(Verdict.GENUINE, Lang.EN);
        assertTrue(en.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(en.contains("<meta charset=\"utf-8\">"));
        assertTrue(en.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(en.contains("<meta name=\"robots\" content=\"noindex\">"));
        assertTrue(en.contains("prefers-color-scheme:dark"));
        assertTrue(en.contains(":focus-visible{outline"));
        assertTrue(en.contains("role=\"status\""));
        assertEquals(1, count(en, "<style>"));
        assertFalse(en.contains("<script src") || en.contains("<link") || en.contains("@import") || en.contains("url("));
        assertTrue(render(Verdict.GENUINE, Lang.ZH).startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    }

    @Test
    void onlyExternalResourceIsTheProductImage() {
        String page = render(Verdict.SEEN_BEFORE, Lang.EN);
        Matcher m = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            String url = m.group(1);
            assertTrue(url.startsWith("/") || url.equals("https://cdn.example.com/cream.jpg"), url);
        }
    }

    @Test
    void languageSwitchLinksToTheOtherLanguage() {
        assertTrue(render(Verdict.GENUINE, Lang.EN)
                .contains("<a class=\"lang\" href=\"/v/ABC?lang=zh\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a>"));
        PageLinks zhLinks = new PageLinks("/v/ABC?lang=en&x=1", null, "/scan");
        assertTrue(VerifyPage.render(result(Verdict.GENUINE), Lang.ZH, zhLinks)
                .contains("<a class=\"lang\" href=\"/v/ABC?lang=en&amp;x=1\" hreflang=\"en\" lang=\"en\">English</a>"));
    }

    @Test
    void scanAnotherCodeLink() {
        assertTrue(render(Verdict.SUSPECT, Lang.EN).contains("href=\"/scan\">Scan another code</a>"));
        assertTrue(render(Verdict.SUSPECT, Lang.ZH).contains("href=\"/scan\">扫描其他码</a>"));
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void reportFormPresentIffReportUrl(Verdict v) {
        String page = render(v, Lang.EN);
        assertEquals(1, count(page, "<form method=\"post\" action=\"/v/ABC/report\""));
        assertTrue(page.contains("<input type=\"hidden\" name=\"scanId\" value=\"scn_7f3a9\">"));
        assertTrue(page.contains("name=\"place\" maxlength=\"200\""));
        assertTrue(page.contains("name=\"seller\" maxlength=\"200\""));
        assertTrue(page.contains("<textarea id=\"report-comment\" name=\"comment\" rows=\"4\" maxlength=\"2000\">"));
        for (String id : new String[] {"report-place", "report-seller", "report-comment"}) {
            assertTrue(page.contains("<label for=\"" + id + "\">"), id);
            assertTrue(page.contains("id=\"" + id + "\""), id);
        }
        assertTrue(page.contains("<button type=\"submit\""));
        boolean secondary = page.contains("<details><summary>Report a problem</summary>");
        assertEquals(v == Verdict.GENUINE, secondary, "folded only for genuine");
        assertEquals(v != Verdict.GENUINE, page.contains("class=\"card report prominent\""));
        String without = VerifyPage.render(result(v), Lang.EN, NO_REPORT);
        assertFalse(without.contains("<form") || without.contains("Report a problem"));
    }

    @Test
    void reportThanksPage() {
        String en = VerifyPage.renderReportThanks(Lang.EN, "/v/ABC?x=1&y=2");
        assertTrue(en.contains("<h1>Thank you</h1>") && en.contains("href=\"/v/ABC?x=1&amp;y=2\""));
        String zh = VerifyPage.renderReportThanks(Lang.ZH, null);
        assertTrue(zh.contains("<html lang=\"zh-CN\">") && zh.contains("<h1>谢谢</h1>"));
        assertFalse(zh.contains("<a class=\"btn"));
    }

    @Test
    void aReportSentBackKeepsWhatWasTypedEscapedAndMarksOnlyTheFieldsToChange() {
        ReportForm.Values typed = new ReportForm.Values("<script>x</script>", "Stall \"7\"", "a & b");
        String zh = VerifyPage.renderReportRetry(Lang.ZH, "42", "/report", typed, java.util.Set.of("comment"),
                List.of("“其他说明”最多 2000 个字符，请缩短。"));
        assertTrue(zh.contains("<html lang=\"zh-CN\">") && zh.contains("<h1>报告未发送</h1>"), zh);
        assertTrue(zh.contains("role=\"alert\" id=\"report-problem\""), zh);
        assertTrue(zh.contains("<p>“其他说明”最多 2000 个字符，请缩短。</p>"), zh);
        assertTrue(zh.contains("value=\"&lt;script&gt;x&lt;/script&gt;\">"), zh);
        assertTrue(zh.contains("value=\"Stall &quot;7&quot;\">"), zh);
        assertTrue(zh.contains("aria-invalid=\"true\" aria-describedby=\"report-problem\">\na &amp; b</textarea>"), zh);
        assertEquals(1, count(zh, "aria-invalid"));
        assertFalse(zh.contains("<script>"));
        assertTrue(zh.contains("<input type=\"hidden\" name=\"lang\" value=\"zh\">"));
        assertTrue(zh.contains("href=\"/scan?lang=zh\""));
        String gone = VerifyPage.renderReportNotSent(Lang.EN, "This report does not belong to a check we know of.");
        assertTrue(gone.contains("<h1>Your report was not sent</h1>") && !gone.contains("<form"), gone);
    }

    @Test
    void errorPagesAreReadable() {
        String tooFast = VerifyPage.renderError(Lang.EN, 429, null);
        assertTrue(tooFast.contains("You are checking codes too fast; try again in a minute."));
        assertTrue(tooFast.contains("role=\"status\"") && tooFast.contains("Error 429"));
        assertTrue(VerifyPage.renderError(Lang.ZH, 429, null).contains("请一分钟后再试"));
        assertTrue(VerifyPage.renderError(Lang.EN, 404, "").contains("<h1>Page not found</h1>"));
        String bad = VerifyPage.renderError(Lang.EN, 400, "<script>alert(1)</script>");
        assertTrue(bad.contains("<h1>This code could not be read</h1>"));
        assertTrue(bad.contains("Details: &lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(bad.contains("<script"));
        assertTrue(VerifyPage.renderError(Lang.EN, 503, null).contains("class=\"tone-red\""));
        assertTrue(VerifyPage.renderError(Lang.EN, 418, null).contains("This page could not be shown"));
        assertTrue(VerifyPage.renderError(Lang.EN, 500, "x".repeat(10_000)).length() < 12_000);
    }

    @Test
    void gracefulWithMissingFields() {
        for (Verdict v : Verdict.values()) {
            VerificationResult empty = new VerificationResult(v, null, null, null, null, "   ", "", null, null, null,
                    null, null, 0, 0, null, 0, List.of(), null);
            String page = VerifyPage.render(empty, Lang.ZH, new PageLinks(null, null, null));
            assertTrue(page.endsWith("</html>\n"), v.id());
            assertFalse(page.contains("null"), v.id());
            assertFalse(page.contains("class=\"card product\""), v.id());
        }
        VerificationResult noVerdict = new VerificationResult(null, null, null, "Acme", null, null, null, null, null,
                null, null, null, 0, 0, null, 0, List.of(), null);
        String page = VerifyPage.render(noVerdict, Lang.EN, LINKS);
        assertTrue(page.contains("Not genuine") && !page.contains("Acme"));
    }

    @Test
    void expiredProductIsMarked() {
        VerificationResult r = new VerificationResult(Verdict.GENUINE, null, "s", "B", "P", null, null, null,
                LocalDate.of(2026, 11, 29), null, null, null, 1, 1, CHECKED, 0, List.of(), null);
        assertTrue(VerifyPage.render(r, Lang.EN, LINKS).contains("29 Nov 2026 (expired)"));
        assertTrue(VerifyPage.render(r, Lang.ZH, LINKS).contains("2026年11月29日（已过期）"));
        assertFalse(render(Verdict.GENUINE, Lang.EN).contains("expired"));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
