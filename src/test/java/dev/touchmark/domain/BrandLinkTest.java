package dev.touchmark.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BrandLinkTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://acme.example", "https://acme.example/register?src=tm", "HTTPS://ACME.EXAMPLE/w"})
    void everyLinkTakesAnHttpsAddressWithAHost(String url) {
        for (BrandLink link : BrandLink.values()) {
            assertTrue(link.accepts(url), link + " " + url);
            assertEquals(Optional.empty(), link.problem(url), link + " " + url);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailto:help@acme.example", "MAILTO:care@maison.example"})
    void onlySupportTakesAMailAddress(String url) {
        assertTrue(BrandLink.SUPPORT.accepts(url));
        assertFalse(BrandLink.WARRANTY.accepts(url));
        assertFalse(BrandLink.REGISTRATION.accepts(url));
        assertEquals(Optional.of("must be an https:// address"), BrandLink.WARRANTY.problem(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://acme.example/w            | must be an https:// address or mailto:support@brand.example
            https://                         | must be an https:// address or mailto:support@brand.example
            javascript:alert(1)              | must be an https:// address or mailto:support@brand.example
            mailto:nobody                    | must be an https:// address or mailto:support@brand.example
            https://acme.example/r"onclick=x | must be an https:// address or mailto:support@brand.example
            https://acme.example/a b         | must be an https:// address or mailto:support@brand.example without spaces
            """)
    void otherLinksAreRefusedSayingWhatToSend(String url, String problem) {
        assertFalse(BrandLink.SUPPORT.accepts(url), url);
        assertEquals(Optional.of(problem), BrandLink.SUPPORT.problem(url), url);
    }

    @Test
    void aLinkOfAtMostFiveHundredCharactersIsTakenAndNoneLonger() {
        String base = "https://acme.example/";
        String longest = base + "a".repeat(BrandLink.MAX_LENGTH - base.length());
        assertTrue(BrandLink.REGISTRATION.accepts(longest));
        assertFalse(BrandLink.REGISTRATION.accepts(longest + "a"));
        assertEquals(Optional.of("must be at most 500 characters"), BrandLink.REGISTRATION.problem(longest + "a"));
        assertFalse(BrandLink.SUPPORT.accepts(null));
    }
}
