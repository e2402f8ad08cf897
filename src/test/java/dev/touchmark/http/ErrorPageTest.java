package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorPageTest {
    @Test
    void browsersNavigatingPreferHtml() {
        assertTrue(Negotiation.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertTrue(Negotiation.prefersHtml("text/html, application/json;q=0.5"));
        assertTrue(Negotiation.prefersHtml("application/xhtml+xml"));
    }

    @Test
    void apiClientsWildcardsAndNoHeaderKeepJson() {
        assertFalse(Negotiation.prefersHtml(null));
        assertFalse(Negotiation.prefersHtml("*/*"));
        assertFalse(Negotiation.prefersHtml("application/json"));
        assertFalse(Negotiation.prefersHtml("application/json, text/html"), "equal quality: the first listed wins");
        assertFalse(Negotiation.prefersHtml("text/html;q=0.2, application/problem+json"));
        assertFalse(Negotiation.prefersHtml("text/html;q=0"));
        assertFalse(Negotiation.prefersHtml("text/html;q=banana"));
    }

    /** VerificationFuzzIT sent these; ";;;" split into no parts at all and failed the error page with a 500. */
    @Test
    void anyHeaderAtAllIsAnswered() {
        for (String odd : new String[] {";;;,,,", ",", ";", "", " ", ";q=1", ",,text/html;;q=0.5,,", "\u0000"}) {
            assertFalse(Negotiation.prefersHtml(odd) && !odd.contains("text/html"), odd);
        }
        assertTrue(Negotiation.prefersHtml(",,text/html;;q=0.5,,"));
    }

    /** The same rule picks JSON for a verdict: only a header that prefers a JSON type to HTML gets it. */
    @Test
    void jsonIsChosenOnlyWhenItIsPreferred() {
        assertTrue(Negotiation.prefersJson("application/json"));
        assertTrue(Negotiation.prefersJson("application/json, text/html;q=0.9"));
        assertTrue(Negotiation.prefersJson("application/json, text/html"), "equal quality: the first listed wins");
        assertTrue(Negotiation.prefersJson("APPLICATION/JSON;charset=utf-8"));
        assertFalse(Negotiation.prefersJson(null), "no header: a page stays a page");
        assertFalse(Negotiation.prefersJson("*/*"));
        assertFalse(Negotiation.prefersJson("application/jsonx"), "not a JSON type, though it starts like one");
        assertFalse(Negotiation.prefersJson("application/json; q=0"), "q=0 means not acceptable");
        assertFalse(Negotiation.prefersJson("text/html, application/json"));
        assertFalse(Negotiation.prefersHtml("image/png") || Negotiation.prefersJson("image/png"));
    }

    @Test
    void pathsUnderTheApiAlwaysKeepJson() {
        String browser = "text/html,*/*;q=0.8";
        assertTrue(ErrorPage.wanted("/no/such/page", browser));
        assertFalse(ErrorPage.wanted("/api/v1/products", browser));
        assertFalse(ErrorPage.wanted("/api/docs/x", browser));
    }
}
