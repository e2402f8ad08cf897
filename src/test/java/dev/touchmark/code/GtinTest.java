package dev.touchmark.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GtinTest {

    @ParameterizedTest(name = "{0} is valid and normalises to {1}")
    @CsvSource({
        "96385074, 00000096385074",        // GTIN-8 (EAN-8)
        "73513537, 00000073513537",        // GTIN-8
        "036000291452, 00036000291452",    // GTIN-12 (UPC-A)
        "012345678905, 00012345678905",    // GTIN-12
        "4006381333931, 04006381333931",   // GTIN-13 (EAN-13)
        "5901234123457, 05901234123457",   // GTIN-13
        "9780306406157, 09780306406157",   // GTIN-13 (ISBN-13)
        "10614141000415, 10614141000415",  // GTIN-14 with indicator digit 1
        "04006381333931, 04006381333931",  // GTIN-13 already padded
    })
    void validGtinsOfEveryLengthAreAcceptedAndPaddedTo14Digits(String gtin, String gtin14) throws CodeParseException {
        assertTrue(Gtin.isValid(gtin));
        assertEquals(gtin14, Gtin.normalize(gtin));
        assertTrue(Gtin.isValid(gtin14), "the padded form keeps a valid check digit");
    }

    @Test
    void checkDigitUsesWeightsThreeAndOneFromTheRight() {
        assertEquals(1, Gtin.checkDigit("400638133393"));
        assertEquals(4, Gtin.checkDigit("9638507"));
        assertEquals(2, Gtin.checkDigit("03600029145"));
        assertEquals(5, Gtin.checkDigit("1061414100041"));
        assertEquals(0, Gtin.checkDigit("0000000"));
    }

    @ParameterizedTest(name = "{0} has a wrong check digit")
    @ValueSource(strings = {"4006381333932", "4006381333930", "96385075", "036000291453", "10614141000416",
        "04006381333930", "4006381333913"})
    void aWrongCheckDigitIsRejected(String gtin) {
        assertFalse(Gtin.isValid(gtin));
        assertThrows(CodeParseException.class, () -> Gtin.normalize(gtin));
    }

    @ParameterizedTest(name = "\"{0}\" is not all digits")
    @ValueSource(strings = {"400638133393A", "4006381333 31", "-4006381333931", "+400638133393", "4006381333.31",
        "\uff14\uff10\uff10\uff16\uff13\uff18\uff11\uff13\uff13\uff13\uff19\uff13\uff11",
        "\u0664\u0660\u0660\u0666\u0663\u0668\u0661\u0663\u0663\u0663\u0669\u0663\u0661"})
    void textWithAnythingButAsciiDigitsIsRejected(String gtin) {
        assertFalse(Gtin.isValid(gtin));
        assertThrows(CodeParseException.class, () -> Gtin.normalize(gtin));
    }

    @ParameterizedTest(name = "length {0} is not a GTIN length")
    @ValueSource(ints = {1, 7, 9, 10, 11, 15, 18})
    void lengthsOtherThan8And12And13And14AreRejectedEvenWithACorrectCheckDigit(int length) {
        String body = "1234567890123456789".substring(0, length - 1);
        String gtin = body + Gtin.checkDigit(body);
        assertFalse(Gtin.isValid(gtin), gtin);
        assertThrows(CodeParseException.class, () -> Gtin.normalize(gtin));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreNotGtins(String gtin) {
        assertFalse(Gtin.isValid(gtin));
        CodeParseException e = assertThrows(CodeParseException.class, () -> Gtin.normalize(gtin));
        assertEquals("the GTIN is not 8, 12, 13 or 14 digits with a valid check digit", e.getMessage());
    }
}
