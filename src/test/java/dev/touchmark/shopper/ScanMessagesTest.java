package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ScanMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    @ParameterizedTest
    @EnumSource(ScanMessages.class)
    void everyTextIsTranslatedWithTheSamePlaceholders(ScanMessages m) {
        String en = m.in(Lang.EN);
        String zh = m.in(Lang.ZH);
        assertFalse(en.isBlank());
        assertFalse(zh.isBlank());
        assertNotEquals(en, zh, m.name());
        assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), m.name());
        assertEquals(placeholders(en), placeholders(zh), m.name());
    }

    @Test
    void formatFillsPlaceholdersOnceWithoutReadingThemInArguments() {
        assertEquals("This code leads to another website, not to tm.example. Counterfeiters print codes that lead to "
                + "fake 'genuine' pages.", ScanMessages.FOREIGN_TEXT.format(Lang.EN, "tm.example"));
        assertEquals("Try again in {0} seconds.", ScanMessages.TOO_MANY_TEXT.format(Lang.EN, "{0}")
                .substring("You have sent many photos in a short time. ".length()));
    }

    private static String placeholders(String text) {
        StringBuilder found = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.append(matcher.group());
        }
        return found.toString();
    }
}
