package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.i18n.Lang;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {
    /** Keys whose text is the same in both languages on purpose. */
    private static final Set<Messages> SAME_IN_BOTH = Set.of(Messages.SITE_NAME, Messages.TITLE_SUFFIX);

    @ParameterizedTest
    @EnumSource(Messages.class)
    void everyKeyExistsInBothLanguages(Messages key) {
        for (Lang lang : Lang.values()) {
            String text = key.in(lang);
            assertTrue(text != null && !text.isBlank(), key + " " + lang);
            assertEquals(text.strip(), text, key + " " + lang + " has stray spaces");
        }
        assertEquals(placeholders(key.in(Lang.EN)), placeholders(key.in(Lang.ZH)), key + " placeholders");
    }

    @ParameterizedTest
    @EnumSource(Messages.class)
    void chineseIsTranslated(Messages key) {
        if (SAME_IN_BOTH.contains(key) || key == Messages.SWITCH_LANGUAGE) {
            return;
        }
        assertTrue(key.in(Lang.ZH).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN), key + " has no Chinese text");
        assertFalse(key.in(Lang.EN).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN), key + " English text has Chinese in it");
    }

    @Test
    void switchLinkIsLabelledInTheOtherLanguage() {
        assertEquals("中文", Messages.SWITCH_LANGUAGE.in(Lang.EN));
        assertEquals("English", Messages.SWITCH_LANGUAGE.in(Lang.ZH));
    }

    @Test
    void verdictWords() {
        assertEquals("正品", Messages.GENUINE_TITLE.in(Lang.ZH));
        assertEquals("已被验证过的正品码", Messages.SEEN_BEFORE_TITLE.in(Lang.ZH));
        assertEquals("非正品", Messages.NOT_GENUINE_TITLE.in(Lang.ZH));
    }

    @Test
    void formatReplacesPlaceholdersOnce() {
        assertEquals("Checked {1}", Messages.CHECKED_AT.format(Lang.EN, "{1}"));
        assertEquals("此码首次验证是在A，地点为B。", Messages.SUSPECT_FIRST_SEEN.format(Lang.ZH, "A", "B"));
        assertEquals("Checked {0}", Messages.CHECKED_AT.format(Lang.EN));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
