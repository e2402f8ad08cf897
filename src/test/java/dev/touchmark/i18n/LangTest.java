package dev.touchmark.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LangTest {
    @ParameterizedTest
    @ValueSource(strings = {"zh-CN,zh;q=0.9,en;q=0.8", "zh", "zh-CN", "zh-Hans", "zh-SG", "zh-TW", "zh-HK",
        "zh-Hant-TW", "ZH-cn", "zh_CN", "fr-FR,zh;q=0.5", "en;q=0.5,zh;q=0.6", " zh-CN ; q=1.0 , en ; q=0.1",
        "de,zh-TW;q=0.8,en;q=0.7"})
    void chineseHeaders(String header) {
        assertEquals(Lang.ZH, Lang.fromAcceptLanguage(header), header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US,en;q=0.9,zh;q=0.8", "fr-FR", "zh;q=0", "zh;q=0.000", "en", "*",
        "ja,ko;q=0.9", "en;q=0.8,zh;q=0.8", "zh;q=2", "zh;q=abc", "zh;q=-1", "zh;q=0.5,*;q=0.9",
        ";;;,,,", "=,;q=", "\u0000\uffff", "zh-CN;q=0,en;q=0.1"})
    void englishHeaders(String header) {
        assertEquals(Lang.EN, Lang.fromAcceptLanguage(header), header);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullOrEmptyIsEnglish(String header) {
        assertEquals(Lang.EN, Lang.fromAcceptLanguage(header));
    }

    @Test
    void hugeHeaderIsHandledQuickly() {
        String huge = "fr;q=0.5,".repeat(100_000) + "zh";
        assertEquals(Lang.EN, Lang.fromAcceptLanguage(huge), "only the first entries are considered");
        assertEquals(Lang.ZH, Lang.fromAcceptLanguage("zh," + huge));
    }

    @ParameterizedTest
    @CsvSource({"en,EN", "EN,EN", " en ,EN", "zh,ZH", "zh-CN,ZH", "zh-cn,ZH", "zh-Hans,ZH"})
    void paramOverride(String value, Lang expected) {
        assertEquals(Optional.of(expected), Lang.fromParam(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr", "english", "zh-TW-x", "<script>"})
    void unknownParamIsEmpty(String value) {
        assertEquals(Optional.empty(), Lang.fromParam(value));
    }

    @Test
    void countriesAreNamedInTheLanguageAndUnknownCodesAreNot() {
        assertEquals(Optional.of("France"), Lang.EN.countryName("FR"));
        assertEquals(Optional.of("法国"), Lang.ZH.countryName(" fr "));
        assertEquals(Optional.of("中国"), Lang.ZH.countryName("CN"));
        for (String code : new String[] {null, "", "AA", "FRA", "F1", "<b>"}) {
            assertEquals(Optional.empty(), Lang.ZH.countryName(code), code);
        }
    }

    @Test
    void tagsAndOther() {
        assertEquals("en", Lang.EN.tag());
        assertEquals("zh-CN", Lang.ZH.tag());
        assertEquals(Lang.ZH, Lang.EN.other());
        assertEquals(Lang.EN, Lang.ZH.other());
    }
}
