package dev.touchmark.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 Appendix B's test vectors, the 6-digit profile authenticator apps use, drift and tampering. */
class TotpTest {
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "T={0}s")
    @CsvSource({
        "59,          94287082, 46119246, 90693936",
        "1111111109,  07081804, 68084774, 25091201",
        "1111111111,  14050471, 67062674, 99943326",
        "1234567890,  89005924, 91819424, 93441116",
        "2000000000,  69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826",
    })
    void theRfc6238AppendixBVectorsComeOut(long time, String sha1, String sha256, String sha512) {
        Clock clock = at(time);
        Totp one = new Totp(clock, "HmacSHA1", 8);
        Totp two = new Totp(clock, "HmacSHA256", 8);
        Totp five = new Totp(clock, "HmacSHA512", 8);
        assertEquals(sha1, one.code(SHA1_SEED, one.currentStep()));
        assertEquals(sha256, two.code(SHA256_SEED, two.currentStep()));
        assertEquals(sha512, five.code(SHA512_SEED, five.currentStep()));
        assertEquals(OptionalLong.of(one.currentStep()), one.match(SHA1_SEED, sha1));
    }

    @ParameterizedTest(name = "T={0}s")
    @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924", "20000000000, 353130"})
    void theSixDigitCodeIsTheLastSixDigitsOfTheRfcVector(long time, String code) {
        Totp totp = new Totp(at(time));
        assertEquals(code, totp.code(SHA1_SEED, totp.currentStep()));
        assertEquals(time / 30, totp.match(SHA1_SEED, code).orElseThrow());
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedAndTwoStepsAwayIsNot() {
        long now = 1_234_567_890L;
        Totp totp = new Totp(at(now));
        long step = totp.currentStep();
        assertEquals(step - 1, totp.match(SHA1_SEED, totp.code(SHA1_SEED, step - 1)).orElseThrow());
        assertEquals(step + 1, totp.match(SHA1_SEED, totp.code(SHA1_SEED, step + 1)).orElseThrow());
        assertFalse(totp.match(SHA1_SEED, totp.code(SHA1_SEED, step - 2)).isPresent());
        assertFalse(totp.match(SHA1_SEED, totp.code(SHA1_SEED, step + 2)).isPresent());
    }

    @Test
    void aChangedDigitAnotherSecretOrAMalformedCodeIsRefused() {
        Totp totp = new Totp(at(59));
        String code = totp.code(SHA1_SEED, totp.currentStep());
        for (int i = 0; i < code.length(); i++) {
            char[] changed = code.toCharArray();
            changed[i] = (char) ('0' + (changed[i] - '0' + 1) % 10);
            assertFalse(totp.match(SHA1_SEED, new String(changed)).isPresent(), "digit " + i + " changed");
        }
        byte[] other = SHA1_SEED.clone();
        other[0] ^= 1;
        assertFalse(totp.match(other, code).isPresent());
        for (String bad : new String[] {null, "", "28708", "2870822", "28708a", " 287082", "２８７０８２"}) {
            assertFalse(totp.match(SHA1_SEED, bad).isPresent(), String.valueOf(bad));
        }
        assertTrue(totp.match(SHA1_SEED, code).isPresent());
    }
}
