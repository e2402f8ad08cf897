package dev.touchmark.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextsTest {
    private final Texts texts = Texts.bundled();

    @Test
    void everyKeyTakesTheSameArgumentsInEveryLanguage() {
        for (String key : texts.keys(Lang.EN)) {
            for (Lang lang : Lang.values()) {
                assertEquals(texts.argumentNames(Lang.EN, key), texts.argumentNames(lang, key), key + " in " + lang);
            }
        }
    }

    @Test
    void everyPatternFormatsWithSampleArgumentsLeavingNoPlaceholder() {
        for (Lang lang : Lang.values()) {
            for (String key : texts.keys(lang)) {
                Map<String, Object> samples = new HashMap<>();
                texts.argumentNames(lang, key).forEach(name -> samples.put(name, 7L));
                String text = samples.isEmpty() ? texts.text(lang, key) : texts.format(lang, key, samples);
                assertFalse(text.isBlank(), key + " in " + lang);
                assertFalse(text.contains("{") || text.contains("}"), key + " in " + lang + " left a placeholder: " + text);
                assertFalse(text.strip().length() < text.length() && !texts.pattern(lang, key).startsWith(" ")
                        && !texts.pattern(lang, key).endsWith(" "), key + " in " + lang + " has stray spaces");
            }
        }
    }

    @Test
    void textArgumentsAreFilledExactlyAsIcuFillsThem() {
        for (Lang lang : Lang.values()) {
            for (String key : texts.keys(lang)) {
                Map<String, Object> samples = new HashMap<>();
                texts.argumentNames(lang, key).forEach(name -> samples.put(name, "<" + name + " '{0}'>"));
                String icu;
                try {
                    icu = new com.ibm.icu.text.MessageFormat(texts.pattern(lang, key), lang.locale()).format(samples);
                } catch (IllegalArgumentException needsNumbers) {
                    continue; // a plural or number argument: formatted by ICU itself, never by concatenation
                }
                if (!samples.isEmpty() && samples.keySet().stream().allMatch(name -> name.matches("\\d"))) {
                    Object[] positional = new Object[samples.size()];
                    samples.forEach((name, value) -> positional[Integer.parseInt(name)] = value);
                    assertEquals(icu, texts.format(lang, key, positional), key + " in " + lang);
                } else {
                    assertEquals(icu, texts.format(lang, key, samples), key + " in " + lang);
                }
            }
        }
    }

    @Test
    void apostrophesAreKeptAndArgumentsAreNotReadAsPatterns() {
        assertEquals("The brand has recalled this product's batch.", texts.text(Lang.EN, "verify.recalled_summary"));
        assertEquals("Checked {1}", texts.format(Lang.EN, "verify.checked_at", "{1}"));
        assertEquals("Code 12 of batch 3: ", texts.format(Lang.EN, "alert.message.report_code", Map.of("code", 12, "batch", 3)));
    }

    @Test
    void numbersAreWrittenInTheLanguagesWay() {
        assertEquals("Error 503", texts.format(Lang.EN, "verify.error_status", 503));
        assertEquals("“Seller” can be at most 2000 characters; please shorten it.",
                texts.format(Lang.EN, "verify.report_too_long", "Seller", 2000), "a length limit is written ungrouped");
        assertEquals("12,345 min", texts.format(Lang.EN, "alert.format.minutes", Map.of("minutes", 12_345)));
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> texts.text(Lang.ZH, "verify.no_such_key"));
    }

    @Test
    void aBundleMissingAKeyInOneLanguageIsRefusedWhenRead() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Texts.load("i18n/missing-key"));
        assertTrue(e.getMessage().contains("farewell"), e.getMessage());
    }

    @Test
    void aBundleWhoseLanguagesNameOtherArgumentsIsRefusedWhenRead() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Texts.load("i18n/other-argument"));
        assertTrue(e.getMessage().contains("greeting"), e.getMessage());
    }
}
