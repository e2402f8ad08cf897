package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.access.Totp;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.Base32;
import dev.touchmark.testsupport.QrDecoding;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two-factor sign-in in real headless Chromium: an admin turns it on from the Security page (the QR code on the page
 * decodes to the otpauth:// URI; the code is computed here from the key the page shows), saves the recovery codes,
 * signs out, signs in with password and a code, and requires two-factor sign-in for the brand on the Users page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoFactorBrowserIT {
    private static final String PASSWORD = "a long new password 42";
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private String base;
    private final Totp totp = new Totp(Clock.systemUTC());

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("two-factor");
        app = browser.app();
        base = browser.base();
    }

    @Test
    @Timeout(180)
    void anAdminTurnsOnTwoFactorSignsInWithACodeAndRequiresItForTheBrand() throws Exception {
        BrandService.CreatedBrand brand = app.services().brands().create("Two-factor Browser Brand", "admin@twofactor-browser.example");
        WebDriver dash = browser.chrome("two-factor", 1280, 900);
        dash.get(base + "/dashboard");
        signIn(dash, brand.adminEmail(), brand.adminPassword());
        type(dash, "pw-current", brand.adminPassword());
        type(dash, "pw-new", PASSWORD);
        type(dash, "pw-again", PASSWORD);
        click(dash, "pw-submit");

        click(dash, "nav-security");
        visible(dash, By.cssSelector("#tf-state[data-enabled='false']"));
        click(dash, "tf-start");
        String secret = visible(dash, By.id("tf-secret")).getText();
        String uri = dash.findElement(By.id("tf-secret")).getAttribute("data-uri");
        byte[] qr = visible(dash, By.id("tf-qr")).getScreenshotAs(OutputType.BYTES);
        assertEquals(uri, QrDecoding.decodePng(qr), "the QR code on the page holds the otpauth:// URI");
        byte[] key = Base32.decode(secret);
        type(dash, "tf-confirm-code", totp.code(key, totp.currentStep()));
        click(dash, "tf-confirm");
        waitFor(dash).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tf-recovery-codes li"), 10));
        click(dash, "tf-codes-done");
        visible(dash, By.cssSelector("#tf-state[data-enabled='true']"));

        // New recovery codes take a current code from the app (the one that confirmed enrolment is used up, so the
        // next step's); they replace the old ones and are shown once.
        type(dash, "tf-renew-code", totp.code(key, totp.currentStep() + 1));
        click(dash, "tf-renew");
        waitFor(dash).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tf-recovery-codes li"), 10));
        String renewed = dash.findElement(By.cssSelector("#tf-recovery-codes li")).getText();
        click(dash, "tf-codes-done");
        visible(dash, By.cssSelector("#tf-state[data-enabled='true']"));

        // Signing in again now takes a second factor: one of the new recovery codes.
        click(dash, "signout");
        signIn(dash, brand.adminEmail(), PASSWORD);
        click(dash, "tf-toggle");
        type(dash, "tf-recovery", renewed);
        click(dash, "tf-verify");
        try {
            visible(dash, By.id("nav-overview"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no dashboard after the code; the page says: " + dash.findElement(By.tagName("body")).getText(), e);
        }
        assertTrue(dash.findElement(By.cssSelector(".who")).getText().contains(brand.adminEmail()));

        // The admin requires it for the brand; their own row says it is on.
        click(dash, "nav-users");
        click(dash, "tf-required");
        waitFor(dash).until(ExpectedConditions.textMatches(By.id("tf-policy-changed"), java.util.regex.Pattern.compile(".+")));
        assertTrue(app.services().twoFactor().policy(brand.brand().id()).required());
        assertTrue(visible(dash, By.cssSelector("#user-list td")).isDisplayed());
        assertEquals(1, dash.findElements(By.cssSelector("[id^='tf-reset-']")).size(), "a reset button for the enrolled admin");
    }

    private static void signIn(WebDriver dash, String email, String password) {
        type(dash, "signin-email", email);
        type(dash, "signin-password", password);
        click(dash, "signin-submit");
    }
}
