package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorPageTest {
    @Test
    void browsersNavigatingPreferHtml() {
        assertTrue(ErrorPage.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertTrue(ErrorPage.prefersHtml("text/html, application/json;q=0.5"));
        assertTrue(ErrorPage.prefersHtml("application/xhtml+xml"));
    }

    @Test
    void apiClientsWildcardsAndNoHeaderKeepJson() {
        assertFalse(ErrorPage.prefersHtml(null));
        assertFalse(ErrorPage.prefersHtml("*/*"));
        assertFalse(ErrorPage.prefersHtml("application/json"));
        assertFalse(ErrorPage.prefersHtml("application/json, text/html"), "equal quality: the first listed wins");
        assertFalse(ErrorPage.prefersHtml("text/html;q=0.2, application/problem+json"));
        assertFalse(ErrorPage.prefersHtml("text/html;q=0"));
        assertFalse(ErrorPage.prefersHtml("text/html;q=banana"));
    }

    /** VerificationFuzzIT sent these; ";;;" split into no parts at all and failed the error page with a 500. */
    @Test
    void anyHeaderAtAllIsAnswered() {
        for (String odd : new String[] {";;;,,,", ",", ";", "", " ", ";q=1", ",,text/html;;q=0.5,,", "\u0000"}) {
            assertFalse(ErrorPage.prefersHtml(odd) && !odd.contains("text/html"), odd);
        }
        assertTrue(ErrorPage.prefersHtml(",,text/html;;q=0.5,,"));
    }

    @Test
    void pathsUnderTheApiAlwaysKeepJson() {
        String browser = "text/html,*/*;q=0.8";
        assertTrue(ErrorPage.wanted("/no/such/page", browser));
        assertFalse(ErrorPage.wanted("/api/v1/products", browser));
        assertFalse(ErrorPage.wanted("/api/docs/x", browser));
    }
}
