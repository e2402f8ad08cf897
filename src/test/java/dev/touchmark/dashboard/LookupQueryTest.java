package dev.touchmark.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.code.CodeFormat;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.error.ValidationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LookupQueryTest {
    private static final String SERIAL = CodeFormat.serial(70_000, 123_456);

    @Test
    void aSerialAsPrintedNamesItsBatchAndIndex() {
        LookupQuery.Serial serial = assertInstanceOf(LookupQuery.Serial.class, LookupQuery.parse(SERIAL));
        assertEquals(List.of(new LookupQuery.Candidate(SERIAL, new CodeRef(70_000, 123_456))), serial.candidates());
    }

    @Test
    void aSerialTypedInLowerCaseWithSpacesAndDashesIsTheSameSerial() {
        String typed = "  " + SERIAL.substring(0, 5).toLowerCase() + " - " + SERIAL.substring(5, 10) + "-"
                + SERIAL.substring(10).toLowerCase() + "\n";
        LookupQuery.Serial serial = assertInstanceOf(LookupQuery.Serial.class, LookupQuery.parse(typed));
        assertEquals(SERIAL, serial.typed());
        assertEquals(new CodeRef(70_000, 123_456), serial.candidates().get(0).code());
    }

    @Test
    void digitsThatAreNotBase32AreReadAsTheLettersTheyResemble() {
        long batch = batchWith('O');
        String withO = CodeFormat.serial(batch, 0);
        String typed = withO.replace('O', '0');
        LookupQuery.Serial read = assertInstanceOf(LookupQuery.Serial.class, LookupQuery.parse(typed));
        assertEquals(List.of(new LookupQuery.Candidate(withO, new CodeRef(batch, 0))), read.candidates());
    }

    @Test
    void aOneMayBeAnIOrAnLSoItNamesEveryCodeItCouldBe() {
        String serial = CodeFormat.serial(batchWith('I'), 0);
        int letter = serial.indexOf('I');
        String typed = serial.substring(0, letter) + "1" + serial.substring(letter + 1);
        LookupQuery.Serial read = assertInstanceOf(LookupQuery.Serial.class, LookupQuery.parse(typed));
        assertEquals(2, read.candidates().size(), read.toString());
        assertTrue(read.candidates().stream().anyMatch(c -> c.serial().equals(serial)), read.toString());
    }

    /** The first batch whose serial (index 0) has the letter once, and not last (its trailing bits would decide). */
    private static long batchWith(char letter) {
        for (long batch = 1; ; batch++) {
            String serial = CodeFormat.serial(batch, 0);
            int at = serial.indexOf(letter);
            if (at > 0 && at < serial.length() - 1 && at == serial.lastIndexOf(letter)) {
                return batch;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3120842017685868544", "3120 8420 1768 5868 544", "Reference: 3120842017685868544",
        "reference: 3120842017685868544 (quote it if you contact support)", "#3120842017685868544",
        "参考编号：3120842017685868544（联系客服时请提供此编号）"})
    void aScanReferenceIsItsDigitsWithOrWithoutTheVerdictPagesWords(String typed) {
        assertEquals(new LookupQuery.Reference(3120842017685868544L), LookupQuery.parse(typed));
    }

    @Test
    void aLabelUrlOrPayloadIsLeftToTheVerifier() {
        String url = "HTTPS://TM.EXAMPLE/V/ABC";
        assertEquals(new LookupQuery.Code(url), LookupQuery.parse(" " + url + " "));
        String payload = "a".repeat(130);
        assertEquals(new LookupQuery.Code("A".repeat(130)), LookupQuery.parse(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "99999999999999999999", "AEAAAAAQAAAAAA9", "ZZZZZZZZZZZZZZZ", "11111111111111A", " "})
    void anythingElseIsA400ThatSaysWhatIsAccepted(String typed) {
        ValidationException e = assertThrows(ValidationException.class, () -> LookupQuery.parse(typed));
        assertEquals("code", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("serial number") && e.errors().get(0).message().contains("reference"),
                e.errors().get(0).message());
    }
}
