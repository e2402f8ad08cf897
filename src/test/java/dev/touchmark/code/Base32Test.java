package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    @ParameterizedTest(name = "\"{0}\" <-> \"{1}\"")
    @CsvSource(value = {
        "'', ''",
        "f, MY",
        "fo, MZXQ",
        "foo, MZXW6",
        "foob, MZXW6YQ",
        "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI",
    })
    void rfc4648Section10VectorsEncodeAndDecodeUppercaseWithoutPadding(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(encoded));
        assertEquals(encoded.length(), Base32.encodedLength(bytes.length));
    }

    @Test
    void randomBytesOfEveryLengthUpTo100RoundTrip() {
        Random random = new Random(4648);
        for (int length = 0; length <= 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base32.encode(bytes);
            assertEquals(Base32.encodedLength(length), text.length());
            assertArrayEquals(bytes, Base32.decode(text), "length " + length);
        }
    }

    @Test
    void allZeroAndAllOneBytesUseTheFirstAndLastLettersOfTheAlphabet() {
        assertEquals("AAAAAAAA", Base32.encode(new byte[5]));
        assertEquals("77777777", Base32.encode(new byte[] {-1, -1, -1, -1, -1}));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"my", "Mzxw6", "MZXW1", "MZXW0", "MZXW8", "MZXW9", "MY======", "MZ-W6", "MZ W6", "MZXW\u00c9",
        "MZXW\u017f", "MZXW6\n"})
    void charactersOutsideUppercaseAToZAnd2To7AreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
    }

    @ParameterizedTest(name = "length {0} is impossible")
    @ValueSource(ints = {1, 3, 6, 9, 11, 14, 129})
    void lengthsNoByteStringEncodesToAreRejected(int length) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("A".repeat(length)));
        assertEquals("base32 text has an impossible length " + length, e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" has non-zero trailing bits")
    @ValueSource(strings = {"MZ", "M7", "MZXR", "MZXW7", "MZXW6YR", "MZXW6YTBOJ", "MZXW6YTBO7"})
    void nonZeroTrailingBitsAreRejectedSoEveryByteStringHasOneEncoding(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
        assertEquals("base32 text has non-zero padding bits", e.getMessage());
    }
}
