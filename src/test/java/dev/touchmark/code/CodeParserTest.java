package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Anything that is not a code gives a CodeParseException with a readable reason, and never another exception. */
class CodeParserTest {
    private static final Ed25519KeyPair PAIR = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final CodeSigner SIGNER = new CodeSigner(PAIR, KeyIds.shortKid(PAIR.publicKey()));
    private static final String COMPACT = new BatchCodes(SIGNER, 77, 100, CodeProfile.COMPACT, "https://tm.example",
            null, null, null).url(5);
    private static final String PAYLOAD = COMPACT.substring(COMPACT.indexOf("/V/") + 3);
    private static final String GS1 = new BatchCodes(SIGNER, 77, 100, CodeProfile.GS1, "https://tm.example",
            "04006381333931", "L2026-11", LocalDate.of(2028, 11, 30)).url(5);
    private static final String GS1_PATH = GS1.substring(0, GS1.indexOf('?'));
    private static final String K = "k=" + Base32.encode(SIGNER.shortKid());
    private static final String S = GS1.substring(GS1.indexOf("&s=") + 1);

    private static CodeParseException rejects(String text) {
        CodeParseException e = assertThrows(CodeParseException.class, () -> CodeParser.parse(text), text);
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e;
    }

    @Test
    void theValidCodesOfBothProfilesParse() throws CodeParseException {
        ParsedCode compact = CodeParser.parse(COMPACT);
        assertEquals(CodeProfile.COMPACT, compact.profile());
        assertEquals(77, compact.batch());
        assertEquals(5, compact.index());
        ParsedCode gs1 = CodeParser.parse(GS1);
        assertEquals(CodeProfile.GS1, gs1.profile());
        assertEquals(77, gs1.batch());
        assertEquals(5, gs1.index());
        assertEquals("04006381333931", gs1.gtin());
        assertEquals("L2026-11", gs1.lot());
        assertEquals(LocalDate.of(2028, 11, 30), gs1.expiry());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "   \t\n  ", "\u2003"})
    void emptyAndBlankInputsAreRejectedAsEmpty(String text) {
        assertEquals("the code is empty", rejects(text).getMessage());
    }

    @Test
    void aVeryLongInputIsRejectedWithoutBeingParsed() {
        assertEquals("the code is longer than 2048 characters", rejects("A".repeat(5000)).getMessage());
        assertEquals("the code is longer than 2048 characters", rejects(COMPACT + "A".repeat(5000)).getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "not a url at all                                  | characters that cannot appear",
        "http://[::1                                       | not a valid URL",
        "tm.example/V/AAAA                                 | neither a payload nor an http(s) URL",
        "ftp://tm.example/V/AAAA                           | neither a payload nor an http(s) URL",
        "javascript:alert(1)                               | neither a payload nor an http(s) URL",
        "mailto:someone@tm.example                         | neither a payload nor an http(s) URL",
        "https://tm.example/                               | no /V/ or /01/ path",
        "https://tm.example/hello?k=A&s=B                  | no /V/ or /01/ path",
        "https://tm.example/V/                             | must be 130 base32 characters, not 0",
        "https://tm.example/V/ABC                          | must be 130 base32 characters, not 3",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | unsupported code version 0",
        "https://tm.example/01/04006381333931             | no serial, AI (21)",
        "https://tm.example/01/04006381333931/21          | odd number of segments",
        "https://tm.example/01/04006381333931/21/AEAAAABKAAAAABY/ | odd number of segments",
        "https://tm.example/01/04006381333931/21/A/21/B    | repeats AI (21)",
        "https://tm.example/01/04006381333932/21/AEAAAABKAAAAABY?k=A&s=B | GTIN",
        "https://tm.example/01/ABCDEFGHIJKLMN/21/AEAAAABKAAAAABY?k=A&s=B | GTIN",
        "https://tm.example/01/04006381333931/21/AEAAAABKAAAAABY | no 'k' parameter",
        "https://tm.example/01/04006381333931/21/AEAAAABKAAAAAB?k=A&s=B | serial must be 15 characters",
        "https://tm.example/01/04006381333931/21/AEAAAABKAAAAAB1?k=A&s=B | serial is not valid base32",
        "https://tm.example/01/04006381333931/21/AIAAAABKAAAAABY?k=A&s=B | unsupported code version 2",
    })
    void garbageAndWrongUrlsAreRejectedWithAReadableReason(String text, String reason) {
        String message = rejects(text).getMessage();
        assertTrue(message.contains(reason), message);
    }

    @Test
    void aCompactUrlWithAPayloadOfTheWrongLengthIsRejected() {
        assertTrue(rejects(COMPACT.substring(0, COMPACT.length() - 1)).getMessage().contains("not 129"));
        assertTrue(rejects(COMPACT + "A").getMessage().contains("not 131"));
        assertTrue(rejects(PAYLOAD.substring(1)).getMessage().contains("neither a payload nor an http(s) URL"));
    }

    @Test
    void aCompactPayloadWithNonZeroTrailingBitsIsRejected() {
        // 81 bytes = 648 bits in 130 characters = 650 bits: the last character carries 2 zero bits
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int last = alphabet.indexOf(PAYLOAD.charAt(PAYLOAD.length() - 1));
        assertEquals(0, last & 3);
        String bad = PAYLOAD.substring(0, PAYLOAD.length() - 1) + alphabet.charAt(last | 1);
        assertTrue(rejects(bad).getMessage().contains("not valid base32"));
        assertTrue(rejects("https://tm.example/V/" + bad).getMessage().contains("not valid base32"));
    }

    @Test
    void lowercaseCompactUrlsAndBarePayloadsAreAccepted() throws CodeParseException {
        ParsedCode expected = CodeParser.parse(COMPACT);
        for (String text : List.of(COMPACT.toLowerCase(Locale.ROOT), PAYLOAD, PAYLOAD.toLowerCase(Locale.ROOT),
                "  " + PAYLOAD + "\n", "https://tm.example/v/" + PAYLOAD.toLowerCase(Locale.ROOT))) {
            ParsedCode code = CodeParser.parse(text);
            assertEquals(expected.batch(), code.batch(), text);
            assertEquals(expected.index(), code.index(), text);
            assertEquals(expected.shortKidText(), code.shortKidText(), text);
            assertEquals(CodeProfile.COMPACT, code.profile());
        }
    }

    @Test
    void aGs1UrlWithoutKOrSIsRejected() {
        assertTrue(rejects(GS1_PATH + "?" + S).getMessage().contains("no 'k' parameter"));
        assertTrue(rejects(GS1_PATH + "?" + K).getMessage().contains("no 's' parameter"));
        assertTrue(rejects(GS1_PATH + "?k=&" + S).getMessage().contains("no 'k' parameter"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&s").getMessage().contains("no 's' parameter"));
        assertTrue(rejects(GS1_PATH).getMessage().contains("no 'k' parameter"));
    }

    @Test
    void aGs1UrlWithAMalformedKeyIdOrSignatureIsRejected() {
        assertTrue(rejects(GS1_PATH + "?k=ABC&" + S).getMessage().contains("key id (k) must be 13 characters"));
        assertTrue(rejects(GS1_PATH + "?k=AAAAAAAAAAAA1&" + S).getMessage().contains("key id (k) is not valid base32"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&s=AAAA").getMessage().contains("signature (s)"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&" + S + "==").getMessage().contains("signature (s)"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&s=+" + S.substring(3)).getMessage().contains("signature (s) is not base64url"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&s=" + "*".repeat(86)).getMessage().contains("signature (s)"));
    }

    @Test
    void repeatedQueryKeysAreRejected() {
        assertTrue(rejects(GS1_PATH + "?" + K + "&" + K + "&" + S).getMessage().contains("repeats the query parameter k"));
        assertTrue(rejects(GS1_PATH + "?" + K + "&" + S + "&" + S).getMessage().contains("repeats the query parameter s"));
        assertTrue(rejects(GS1_PATH + "?17=281130&17=281130&" + K + "&" + S).getMessage()
                .contains("repeats the query parameter 17"));
    }

    @ParameterizedTest(name = "17={0}")
    @ValueSource(strings = {"", "2811", "28113", "2811300", "281131x", "281301", "281132", "2811-3", "abcdef",
        "28-11-30"})
    void anExpiryThatIsNotAYymmddDateIsRejected(String expiry) {
        String message = rejects(GS1_PATH + "?17=" + expiry + "&" + K + "&" + S).getMessage();
        assertEquals("the expiry (17) must be a date as YYMMDD", message);
    }

    @Test
    void nonAsciiCharactersAnywhereAreRejectedBeforeParsing() {
        String message = "the code contains characters that cannot appear in a Touchmark URL";
        assertEquals(message, rejects(GS1_PATH + "?17=\uff12\uff18\uff11\uff11\uff13\uff10&" + K + "&" + S).getMessage());
        assertEquals(message, rejects(COMPACT.replace('S', '\u017f')).getMessage());
        assertEquals(message, rejects("https://tm.example/V/" + "\u0131".repeat(130)).getMessage());
    }

    @Test
    void unknownQueryParametersAndAMissingExpiryAreAllowed() throws CodeParseException {
        ParsedCode code = CodeParser.parse(GS1_PATH + "?" + K + "&" + S + "&utm_source=box&x");
        assertNull(code.expiry());
        assertEquals(5, code.index());
    }

    @Test
    void aGs1UrlWithAShortGtinIsNormalisedTo14Digits() throws CodeParseException {
        ParsedCode code = CodeParser.parse(GS1.replace("/01/04006381333931/", "/01/4006381333931/"));
        assertEquals("04006381333931", code.gtin());
    }

    @Test
    void twentyThousandRandomAndMutatedStringsNeverThrowAnythingButCodeParseException() {
        Random random = new Random(20_000);
        String[] seeds = {COMPACT, GS1, PAYLOAD, GS1_PATH, "https://tm.example/01/10614141000415/21/AEAAAAABAAAAAAA?" + K + "&" + S};
        String[] tokens = {"/", "/V/", "/v/", "/01/", "/10/", "/21/", "/17/", "?", "&", "=", "%", "%zz", "%00", "#", "k=",
            "s=", "17=", "01", "21", ":", "//", "@", "[", "]", " ", "\t", "\n", "\u0000", "\u00e9", "\u017f", "\u0131",
            "\ud83d\ude00", "\ud800", "A", "7", "1", "-", "_", "+", ".", "..", "http://", "https://", "ftp://", "=="};
        int parsed = 0;
        for (int round = 0; round < 20_000; round++) {
            String text = round % 4 == 0 ? randomText(random, tokens) : mutate(random, seeds[random.nextInt(seeds.length)], tokens);
            try {
                CodeParser.parse(text);
                parsed++;
            } catch (CodeParseException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    fail("blank message for " + text);
                }
            } catch (RuntimeException | Error e) {
                fail("round " + round + ": " + e + " for input: " + text.replace("\n", "\\n"), e);
            }
        }
        assertTrue(parsed > 0 && parsed < 20_000, "the fuzz reaches both outcomes, parsed " + parsed);
    }

    private static String randomText(Random random, String[] tokens) {
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(40);
        for (int i = 0; i < parts; i++) {
            out.append(random.nextBoolean() ? tokens[random.nextInt(tokens.length)] : String.valueOf((char) random.nextInt(128)));
        }
        return out.toString();
    }

    private static String mutate(Random random, String seed, String[] tokens) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(6)) {
                case 0 -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 1 -> out.insert(at, tokens[random.nextInt(tokens.length)]);
                case 2 -> out.deleteCharAt(at);
                case 3 -> out.setLength(at);
                case 4 -> out.setCharAt(at, Character.isUpperCase(out.charAt(at))
                        ? Character.toLowerCase(out.charAt(at)) : Character.toUpperCase(out.charAt(at)));
                default -> {
                    int end = Math.min(out.length(), at + random.nextInt(20));
                    out.insert(end, out.substring(at, end));
                }
            }
        }
        return out.toString();
    }

    // Regressions: inputs that once broke the parser.

    @Test
    void aPathWithCharactersThatGrowWhenUppercasedIsRejectedNotThrown() {
        rejects("https://tm.example/\u00df\u00df\u00df\u00df/V/");
        rejects("https://tm.example/\u00df/V/");
    }

    @Test
    void aGs1CodeWhoseLotIsTheLetterVParses() throws CodeParseException {
        String url = new BatchCodes(SIGNER, 77, 100, CodeProfile.GS1, "https://tm.example", "04006381333931", "V", null)
                .url(5);
        ParsedCode code = CodeParser.parse(url);
        assertEquals(CodeProfile.GS1, code.profile());
        assertEquals("V", code.lot());
    }

    @Test
    void anExpiryOnADayThatDoesNotExistIsRejected() {
        rejects(GS1_PATH + "?17=280230&" + K + "&" + S);
        rejects(GS1_PATH + "?17=270229&" + K + "&" + S);
        rejects(GS1_PATH + "?17=280431&" + K + "&" + S);
    }

    @Test
    void aSignatureWithNonZeroUnusedBitsIsRejected() {
        char last = S.charAt(S.length() - 1);
        String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other = base64url.charAt(base64url.indexOf(last) ^ 1);
        rejects(GS1_PATH + "?" + K + "&" + S.substring(0, S.length() - 1) + other);
    }
}
