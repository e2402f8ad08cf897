package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheFiveCharacters() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("<script>alert(1)</script>"));
        assertEquals("&quot; onerror=&quot;x", Html.escape("\" onerror=\"x"));
        assertEquals("a&amp;b &#39;c&#39;", Html.escape("a&b 'c'"));
        assertEquals("&amp;amp;", Html.escape("&amp;"));
        assertEquals("", Html.escape(null));
        assertEquals("正品 ✓", Html.escape("正品 ✓"));
    }

    @Test
    void safeImageUrls() {
        assertTrue(Html.isSafeImageUrl("https://cdn.example.com/a.jpg"));
        assertTrue(Html.isSafeImageUrl("http://cdn.example.com/a.jpg?x=\"y\""));
        assertFalse(Html.isSafeImageUrl("javascript:alert(1)"));
        assertFalse(Html.isSafeImageUrl("JaVaScRiPt:alert(1)"));
        assertFalse(Html.isSafeImageUrl("data:image/svg+xml,<svg>"));
        assertFalse(Html.isSafeImageUrl("/relative.png"));
        assertFalse(Html.isSafeImageUrl("https://a.example/x\n.png"));
        assertFalse(Html.isSafeImageUrl(null));
        assertFalse(Html.isSafeImageUrl("https://a.example/" + "x".repeat(3000)));
    }

    @Test
    void cleanStripsControlsAndShortens() {
        assertEquals("a\nb", Html.clean("  a\r\n\u0000b \t", 10));
        assertNull(Html.clean("   ", 10));
        assertNull(Html.clean(null, 10));
        assertEquals("abcd…", Html.clean("abcdefgh", 5));
        assertEquals("abcde", Html.clean("abcde", 5));
        assertEquals("😀😀😀😀…", Html.clean("😀".repeat(10), 5), "cuts on code points");
    }

    @Test
    void formats() {
        assertEquals("1 Sep 2027", Formats.date(LocalDate.of(2027, 9, 1), Lang.EN));
        assertEquals("France", Formats.country("FR", Lang.EN));
        assertEquals("法国", Formats.country("fr", Lang.ZH));
        assertEquals("中国", Formats.country("CN", Lang.ZH));
        assertEquals("an unknown place", Formats.country(null, Lang.EN));
        assertEquals("未知地点", Formats.country("<b>", Lang.ZH));
        assertEquals("an unknown place", Formats.country("FRA", Lang.EN));
    }
}
