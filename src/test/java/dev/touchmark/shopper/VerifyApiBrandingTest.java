package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.touchmark.domain.Branding;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Verdict;
import dev.touchmark.verify.VerificationResult;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The branding the verify API hands to apps: exactly what the page would show, nothing a page would drop. */
class VerifyApiBrandingTest {
    private static final String LOGO = "/logos/" + "cd".repeat(32) + ".png";

    private static VerifyController.BrandingView view(Verdict verdict, Branding branding) {
        return VerifyController.BrandingView.of(new VerificationResult(verdict,
                verdict == Verdict.NOT_GENUINE ? NotGenuineReason.BAD_SIGNATURE : null, "scn_1",
                verdict == Verdict.NOT_GENUINE ? null : "Acme Skincare Ltd", "Cream", null, null, "L1", LocalDate.of(2030, 1, 1),
                "000123", null, null, 1, 1, VerifyPageTest.CHECKED, 0, List.of(), null, ScanRole.SHOPPER, branding));
    }

    @Test
    void aBrandsOwnSettingsGoOutAsSet() {
        var view = view(Verdict.GENUINE, new Branding("Acme", "#0b5d1e", LOGO, 300, 100, "mailto:help@acme.example",
                "https://acme.example/warranty", "https://acme.example/register"));
        assertEquals("Acme", view.name());
        assertEquals(LOGO, view.logoUrl());
        assertEquals("#0b5d1e", view.accentColour());
        assertEquals("mailto:help@acme.example", view.supportUrl());
        assertEquals("https://acme.example/warranty", view.warrantyUrl());
        assertEquals("https://acme.example/register", view.registrationUrl());
    }

    @Test
    void storedValuesThatBreakTheRulesAreLeftOutAsThePageLeavesThemOut() {
        var view = view(Verdict.GENUINE, new Branding("Acme", "red;}body{display:none", "https://evil.example/x.png", 10, 10,
                "javascript:alert(1)", "mailto:warranty@acme.example", "https://acme.example/r\"onclick=\"x"));
        assertEquals("Acme", view.name());
        assertNull(view.logoUrl(), "a logo not served here");
        assertNull(view.accentColour(), "a colour that is not #rrggbb");
        assertNull(view.supportUrl(), "javascript: is no link");
        assertNull(view.warrantyUrl(), "mailto is for support only");
        assertNull(view.registrationUrl(), "a link with a quote");
    }

    @Test
    void aForgedCodeCarriesNoBranding() {
        assertNull(view(Verdict.NOT_GENUINE, new Branding("Acme", "#0b5d1e", LOGO, 300, 100, null, null, null)));
    }
}
