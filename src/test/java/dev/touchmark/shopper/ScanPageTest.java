package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScanPageTest {
    private static final String ORIGIN = "https://tm.example";

    @ParameterizedTest
    @EnumSource(Lang.class)
    void theScannerPageHasItsControlsLabelledAndHiddenUntilScriptShowsThem(Lang lang) {
        String page = ScanPage.scanner(lang, ORIGIN, null, "/scan?lang=x");
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"" + lang.tag() + "\""));
        assertTrue(page.contains("<h1>" + ScanMessages.PAGE_TITLE.in(lang) + "</h1>"));
        assertTrue(page.contains("<button type=\"button\" id=\"start\" class=\"btn primary\" hidden>"
                + ScanMessages.START_CAMERA.in(lang) + "</button>"));
        assertTrue(page.contains("<section class=\"card verdict tone-red\" role=\"alert\" id=\"foreign\" hidden>"));
        assertTrue(page.contains("<noscript>"));
        assertTrue(page.contains("data-msg-denied=\"" + Html.escape(ScanMessages.CAMERA_DENIED.in(lang)) + "\""));
        assertTrue(page.indexOf("<link rel=\"stylesheet\" href=\"/assets/scan.css\">") < page.indexOf("</head>"));
        assertTrue(page.getBytes(StandardCharsets.UTF_8).length < 20_000);
    }

    @Test
    void decodedContentIsEscapedAndNeverALink() {
        String url = "https://evil.example/\"><a href=\"https://evil.example\">x</a>";
        String page = ScanPage.foreign(Lang.EN, ORIGIN, url, "/scan");
        assertFalse(Pattern.compile("<a[^>]*evil").matcher(page).find(), page);
        assertTrue(page.contains("&lt;a href=&quot;https://evil.example&quot;&gt;"));
        assertTrue(page.contains("not to tm.example."));
        String text = ScanPage.notOurs(Lang.ZH, "<img src=x onerror=alert(1)>", "/scan?lang=zh");
        assertFalse(text.contains("<img"));
        assertTrue(text.contains("href=\"/scan?lang=zh\""));
    }
}
