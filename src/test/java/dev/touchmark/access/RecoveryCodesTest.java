package dev.touchmark.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery codes: ten distinct, readable, typed back in any form, stored only as a per-user hash. */
class RecoveryCodesTest {
    @Test
    void tenDistinctCodesOfTwoGroupsOfFiveBase32Characters() {
        List<String> codes = RecoveryCodes.generate(new SecureRandom());
        assertEquals(RecoveryCodes.COUNT, codes.size());
        assertEquals(codes.size(), new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[a-z2-7]{5}-[a-z2-7]{5}"), code));
    }

    @Test
    void aCodeTypedInUpperCaseWithoutTheDashOrWithSpacesIsTheSameCode() {
        String code = RecoveryCodes.generate(new SecureRandom()).get(0);
        String canonical = RecoveryCodes.normalise(code).orElseThrow();
        assertEquals(canonical, RecoveryCodes.normalise(code.toUpperCase().replace("-", "")).orElseThrow());
        assertEquals(canonical, RecoveryCodes.normalise(" " + code.replace("-", " ") + " ").orElseThrow());
        assertEquals(RecoveryCodes.hashOfGenerated(7, code), RecoveryCodes.hash(7, canonical));
    }

    @Test
    void malformedCodesAreRefusedBeforeAnyLookUp() {
        for (String bad : new String[] {null, "", "abcde-fghi", "abcde-fghijk", "abcde-fgh1j", "abcde_fghij", "x".repeat(41)}) {
            assertFalse(RecoveryCodes.normalise(bad).isPresent(), String.valueOf(bad));
        }
    }

    @Test
    void theStoredHashIsBoundToItsUserAndChangesWithAnyCharacter() {
        assertNotEquals(RecoveryCodes.hash(1, "ABCDEFGHIJ"), RecoveryCodes.hash(2, "ABCDEFGHIJ"));
        assertNotEquals(RecoveryCodes.hash(1, "ABCDEFGHIJ"), RecoveryCodes.hash(1, "ABCDEFGHIK"));
        assertEquals(64, RecoveryCodes.hash(1, "ABCDEFGHIJ").length());
    }
}
