package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WCAG 2 contrast of every text colour on its background, in the light and the dark palette. */
class PageStyleTest {
    @Test
    void pageColoursMeetAa() {
        for (String palette : new String[] {PageStyle.LIGHT, PageStyle.DARK}) {
            Map<String, String> vars = parse(palette);
            for (PageStyle.Pair p : PageStyle.CONTRASTS) {
                double ratio = contrast(vars.get(p.fg()), vars.get(p.bg()));
                assertTrue(ratio >= p.minimum(), p + " in " + palette + ": " + ratio);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Tone.class)
    void toneColoursMeetAa(Tone tone) {
        Map<String, String> light = parse(PageStyle.LIGHT);
        Map<String, String> dark = parse(PageStyle.DARK);
        assertTrue(contrast(tone.lightFg, tone.lightBg) >= 4.5, tone + " light text");
        assertTrue(contrast(tone.darkFg, tone.darkBg) >= 4.5, tone + " dark text");
        assertTrue(contrast(tone.lightAccent, tone.lightBg) >= 3, tone + " light icon");
        assertTrue(contrast(tone.darkAccent, tone.darkBg) >= 3, tone + " dark icon");
        assertTrue(contrast(tone.lightAccent, light.get("--card")) >= 3, tone + " light border");
        assertTrue(contrast(tone.darkAccent, dark.get("--card")) >= 3, tone + " dark border");
    }

    @Test
    void contrastFormulaIsRight() {
        assertTrue(Math.abs(contrast("#000000", "#ffffff") - 21) < 0.01);
        assertTrue(Math.abs(contrast("#767676", "#ffffff") - 4.54) < 0.01);
    }

    @Test
    void cssHasBothPalettesAndNoExternalResources() {
        String css = PageStyle.css();
        assertTrue(css.contains("@media (prefers-color-scheme:dark)"));
        for (Tone tone : Tone.values()) {
            assertTrue(css.contains("." + tone.cssClass() + "{--tfg:" + tone.darkFg));
            assertTrue(css.contains("." + tone.cssClass() + "{--tfg:" + tone.lightFg));
        }
        assertTrue(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"));
        assertTrue(css.contains("font:17px/"), "body text at least 16px");
    }

    private static Map<String, String> parse(String palette) {
        Map<String, String> vars = new HashMap<>();
        for (String decl : palette.split(";")) {
            String[] kv = decl.split(":");
            vars.put(kv[0], kv[1]);
        }
        return vars;
    }

    /** The WCAG 2 ratio, as the brand bar's text colour is chosen by it. */
    static double contrast(String a, String b) {
        return dev.touchmark.domain.Branding.contrast(a, b);
    }
}
