package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.touchmark.i18n.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanTargetTest {
    private static final String OURS = ScanTarget.origin("https://tm.example");

    @Test
    void originsAreWrittenAsBrowsersWriteThem() {
        assertEquals("https://tm.example", ScanTarget.origin("HTTPS://TM.Example:443/some/path"));
        assertEquals("http://127.0.0.1:7070", ScanTarget.origin("http://127.0.0.1:7070"));
        assertEquals("http://localhost", ScanTarget.origin("http://localhost:80/"));
        assertEquals("tm.example", ScanTarget.hostOf(OURS));
        assertThrows(IllegalArgumentException.class, () -> ScanTarget.origin("ftp://tm.example"));
        assertThrows(IllegalArgumentException.class, () -> ScanTarget.origin("tm.example"));
    }

    @Test
    void ourOwnCodesInAnyCaseAreFollowedByPath() {
        assertEquals(new ScanTarget.Own("/V/ABC"), ScanTarget.classify("HTTPS://TM.EXAMPLE/V/ABC", OURS));
        assertEquals(new ScanTarget.Own("/V/ABC"), ScanTarget.classify("  https://tm.example:443/V/ABC\n", OURS));
        assertEquals(new ScanTarget.Own("/01/04006381333931/21/X?17=301130&k=AB&s=c-_d"),
                ScanTarget.classify("https://tm.example/01/04006381333931/21/X?17=301130&k=AB&s=c-_d", OURS));
        assertEquals(new ScanTarget.Own("/"), ScanTarget.classify("https://tm.example", OURS));
    }

    @Test
    void aPathThatWouldLeaveTheSiteAsARelativeRedirectKeepsOneSlash() {
        assertEquals(new ScanTarget.Own("/evil.example/x"), ScanTarget.classify("https://tm.example//evil.example/x", OURS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/V/ABC", "http://tm.example/V/ABC", "https://tm.example:8443/V/ABC",
            "https://tm.example.evil.example/V/ABC", "https://user@tm.example/V/ABC", "https://tm.example@evil.example/V",
            "https://evil.example/a b", "HTTPS://TM.EXAMPLE\\@evil.example"})
    void everythingElseOnTheWebIsForeign(String text) {
        ScanTarget target = ScanTarget.classify(text, OURS);
        assertInstanceOf(ScanTarget.Foreign.class, target, text);
        assertEquals(text, ((ScanTarget.Foreign) target).url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO", "WIFI:S:x;;", "javascript:alert(1)", "tm.example/V/ABC", "mailto:a@tm.example", ""})
    void textThatIsNotAWebAddressIsNotATouchmarkCode(String text) {
        assertInstanceOf(ScanTarget.NotUrl.class, ScanTarget.classify(text, OURS), text);
    }

    @Test
    void anExplicitLanguageIsAddedToTheVerdictPathOnce() {
        assertEquals("/V/ABC", ScanController.withLang("/V/ABC", null));
        assertEquals("/V/ABC?lang=zh", ScanController.withLang("/V/ABC", Lang.ZH));
        assertEquals("/01/1/21/X?k=A&s=B&lang=en", ScanController.withLang("/01/1/21/X?k=A&s=B", Lang.EN));
        assertEquals("/V/ABC?lang=en", ScanController.withLang("/V/ABC?lang=en", Lang.ZH));
    }
}
