package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.Branding;
import dev.touchmark.domain.NotGenuineReason;
import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Verdict;
import dev.touchmark.i18n.Lang;
import dev.touchmark.verify.VerificationResult;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict page as a brand set it up: its bar, logo and links, where they belong and nowhere else. */
class BrandedVerifyPageTest {
    private static final String LOGO = "/logos/" + "ab".repeat(32) + ".png";
    private static final Branding FULL = new Branding("Acme", "#0b5d1e", LOGO, 300, 100, "mailto:help@acme.example",
            "https://acme.example/warranty", "https://acme.example/register");

    private static VerificationResult result(Verdict verdict, Branding branding) {
        return new VerificationResult(verdict, verdict == Verdict.NOT_GENUINE ? NotGenuineReason.BAD_SIGNATURE : null,
                "scn_1", verdict == Verdict.NOT_GENUINE ? null : "Acme Skincare Ltd", "Cream", null, null, "L1",
                LocalDate.of(2030, 1, 1), "000123", null, null, 1, 1, VerifyPageTest.CHECKED, 0, List.of(), null,
                ScanRole.SHOPPER, branding);
    }

    private static String page(Verdict verdict, Branding branding, Lang lang) {
        return VerifyPage.render(result(verdict, branding), lang, VerifyPageTest.LINKS);
    }

    @Test
    void aGenuineCheckShowsTheBrandsBarLogoAndEveryLink() {
        String page = page(Verdict.GENUINE, FULL, Lang.EN);
        assertTrue(page.contains("class=\"brandbar accented\""));
        assertTrue(page.contains(":root{--brand:#0b5d1e;--brand-text:#ffffff}"));
        assertTrue(page.contains("<img src=\"" + LOGO + "\" alt=\"Acme\" width=\"150\" height=\"50\">"));
        assertTrue(page.contains("id=\"brand-register\" href=\"https://acme.example/register\""));
        assertTrue(page.contains("id=\"brand-warranty\""));
        assertTrue(page.contains("id=\"brand-support\" href=\"mailto:help@acme.example\""));
        assertTrue(page.contains("<dd>Acme</dd>"), "the product card names the brand as shoppers know it");
        assertTrue(page.contains("Checked by Touchmark for Acme"));
        assertTrue(page.length() < 20_000, page.length() + " characters");
    }

    @Test
    void aSuspectOrRecalledProductOffersSupportOnly() {
        for (Verdict v : List.of(Verdict.SUSPECT, Verdict.RECALLED, Verdict.NOT_RELEASED)) {
            String page = page(v, FULL, Lang.ZH);
            assertTrue(page.contains("id=\"brand-support\""), v.id());
            assertFalse(page.contains("brand-register"), v.id());
            assertFalse(page.contains("brand-warranty"), v.id());
            assertTrue(page.contains("联系 Acme"), v.id());
        }
    }

    @Test
    void aForgedCodeShowsNothingOfTheBrandEvenIfTheResultCarriedIt() {
        String page = page(Verdict.NOT_GENUINE, FULL, Lang.EN);
        assertFalse(page.contains("Acme"));
        assertFalse(page.contains("--brand:"));
        assertFalse(page.contains("/logos/"));
        assertFalse(page.contains("brand-links"));
    }

    @Test
    void withoutBrandingThePageIsTouchmarksWithTheAccountName() {
        String page = page(Verdict.GENUINE, Branding.NONE, Lang.EN);
        assertTrue(page.contains("<span class=\"site brandmark\">Acme Skincare Ltd</span>"));
        assertFalse(page.contains("brandbar accented"));
        assertFalse(page.contains("brand-links"), "no links section when the brand set none");
    }

    @Test
    void valuesThatAreNotWhatTheDashboardAcceptsNeverReachThePage() {
        Branding hostile = new Branding("A\"<b>", "red;}body{display:none", "https://evil.example/x.png", 10, 10,
                "javascript:alert(1)", "http://acme.example/w", "https://acme.example/r\"onclick=\"x");
        String page = page(Verdict.GENUINE, hostile, Lang.EN);
        assertFalse(page.contains("display:none"), "a colour that is not #rrggbb is not written into the style sheet");
        assertFalse(page.contains("evil.example"), "a logo not served here is not shown");
        assertFalse(page.contains("javascript:"));
        assertFalse(page.contains("http://acme.example/w"), "links are https (or mailto for support) only");
        assertFalse(page.contains("onclick=\"x"), "a link with a quote or space is dropped");
        assertTrue(page.contains("A&quot;&lt;b&gt;"));
    }

    @Test
    void eachLinkFollowsItsOwnRuleOnThePageAsInTheDashboard() {
        Branding mixed = new Branding("Acme", null, null, 0, 0, "https://acme.example/help", "mailto:warranty@acme.example",
                "https://");
        String page = page(Verdict.GENUINE, mixed, Lang.EN);
        assertTrue(page.contains("id=\"brand-support\" href=\"https://acme.example/help\""));
        assertFalse(page.contains("brand-warranty"), "mailto is for support only");
        assertFalse(page.contains("brand-register"), "an https address needs a host");
    }
}
