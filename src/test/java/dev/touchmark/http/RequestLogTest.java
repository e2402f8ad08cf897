package dev.touchmark.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestLogTest {
    @Test
    void aSaneRequestIdIsUpTo64LettersDigitsDotsUnderscoresAndHyphens() {
        assertTrue(RequestLog.isSane("abc-DEF_123.x"));
        assertTrue(RequestLog.isSane("a".repeat(64)));
        assertFalse(RequestLog.isSane("a".repeat(65)));
        assertFalse(RequestLog.isSane(""));
        assertFalse(RequestLog.isSane(null));
        assertFalse(RequestLog.isSane("a b"));
        assertFalse(RequestLog.isSane("a\nb"));
        assertFalse(RequestLog.isSane("caf\u00e9"));
    }

    @Test
    void aNewIdIsSixteenHexCharacters() {
        assertTrue(RequestLog.newId().matches("[0-9a-f]{16}"));
        assertTrue(RequestLog.isSane(RequestLog.newId()));
    }

    @Test
    void aLongPathIsCutInTheAccessLineWithItsLength() {
        assertTrue(RequestLog.loggedPath("/V/ABC").equals("/V/ABC"));
        String cut = RequestLog.loggedPath("/V/" + "A".repeat(5_000));
        assertTrue(cut.length() < 230 && cut.endsWith("...(5003 chars)"), cut);
    }
}
