package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Verdict;
import dev.touchmark.i18n.Lang;
import dev.touchmark.verify.VerificationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict page of a staff check says that it was not counted; no other page does. */
class StaffCheckPageTest {

    static VerificationResult result(Verdict verdict, ScanRole role) {
        return new VerificationResult(verdict, null, "123", "Acme", "Cream", null, null, "L-1", null, "000123", null,
                null, 0, 0, VerifyPageTest.CHECKED, 80, List.of("not_released"), "FR", role);
    }

    @Test
    void aStaffCheckShowsTheVerdictAndANoteThatItWasNotCountedInBothLanguages() {
        String en = VerifyPage.render(result(Verdict.NOT_RELEASED, ScanRole.STAFF), Lang.EN, VerifyPageTest.LINKS);
        assertTrue(en.contains("<h2 id=\"staff-check-heading\">Staff check</h2>"), en);
        assertTrue(en.contains("does not count as a shopper"), en);
        assertTrue(en.contains("<h1>"), "the verdict is still there");
        String zh = VerifyPage.render(result(Verdict.NOT_RELEASED, ScanRole.STAFF), Lang.ZH, VerifyPageTest.LINKS);
        assertTrue(zh.contains("员工查验"), zh);
    }

    @Test
    void shoppersAndLinkPreviewsSeeNoStaffNote() {
        for (ScanRole role : List.of(ScanRole.SHOPPER, ScanRole.PREVIEW)) {
            for (Lang lang : Lang.values()) {
                String page = VerifyPage.render(result(Verdict.GENUINE, role), lang, VerifyPageTest.LINKS);
                assertFalse(page.contains("staff-check"), role + " " + lang);
            }
        }
        assertFalse(VerifyPage.render(VerifyPageTest.result(Verdict.GENUINE), Lang.EN, VerifyPageTest.LINKS)
                .contains("staff-check"));
    }
}
