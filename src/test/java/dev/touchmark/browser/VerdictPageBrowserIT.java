package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.access.Principal;
import dev.touchmark.brand.BrandingService;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.db.jooq.Tables;
import dev.touchmark.testsupport.ScanFixtures;
import dev.touchmark.testsupport.Screenshots;
import dev.touchmark.testsupport.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jooq.Record2;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The verdict page a shopper's phone opens, in real headless Chromium: under the page's own Content-Security-Policy
 * the location script still runs and, with the shopper's consent, sends a position the browser has rounded to about
 * 10 km, and nothing on the page is blocked; each verdict fits a small phone's screen and passes axe-core's WCAG 2
 * A and AA rules, its text contrast with a light and a dark system preference. Under CI=true a missing browser fails; elsewhere it
 * skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerdictPageBrowserIT {
    @AutoClose
    private BrowserHarness browser;
    private BatchCodes codes;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("verdict");
        codes = ScanFixtures.releasedCodes(browser.app(), "compact");
    }

    @Test
    @Timeout(120)
    void aShopperSharesTheirApproximateLocationAndThePagesPolicyBlocksNothing() throws Exception {
        WebDriver d = browser.chrome("geo", 412, 915);
        ChromeDriver chrome = (ChromeDriver) d;
        chrome.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", browser.base(), "permissions", List.of("geolocation")));
        chrome.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 48.8566, "longitude", 2.3522, "accuracy", 30));
        d.get(codes.url(0) + "?lang=en");
        assertEquals("Genuine product", visible(d, By.tagName("h1")).getText());
        // The section is hidden until the inline script shows it: it runs only if the policy names its hash.
        String scanId = visible(d, By.id("geo")).getAttribute("data-scan");
        click(d, "geo-share");
        waitFor(d).until(ExpectedConditions.textToBe(By.id("geo-status"),
                "Thank you: your approximate location was added to this check."));
        Record2<Integer, Integer> place = browser.app().services().database().dsl()
                .select(Tables.SCAN_EVENT.LAT_TENTHS, Tables.SCAN_EVENT.LON_TENTHS).from(Tables.SCAN_EVENT)
                .where(Tables.SCAN_EVENT.ID.eq(Long.parseLong(scanId))).fetchOne();
        assertEquals(489, place.value1(), "48.8566 rounded to a tenth of a degree");
        assertEquals(24, place.value2(), "2.3522 rounded to a tenth of a degree");
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : d.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        assertTrue(severe.isEmpty(), "the console: " + severe);
    }

    @Test
    @Timeout(120)
    void everyVerdictFitsASmallPhoneAndItsTextsAreReadable() throws Exception {
        WebDriver d = browser.chrome("small-phone", 360, 740);
        String genuine = codes.url(1);
        String garbled = genuine.substring(0, genuine.length() - 4) + (genuine.endsWith("AAAA") ? "BBBB" : "AAAA");
        String local = browser.base();
        String path = java.net.URI.create(genuine).getRawPath();
        Map<String, String> pages = Map.of("genuine", genuine + "?lang=en", "genuine in Chinese", genuine + "?lang=zh",
                "not genuine", garbled + "?lang=en",
                "unreadable", local + path.substring(0, path.length() - 5) + "?lang=zh",
                "home", local + "/?lang=en", "home in Chinese", local + "/?lang=zh",
                "page not found", local + "/no/such/page?lang=en");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            d.get(page.getValue());
            visible(d, By.tagName("h1"));
            PageChecks.Overflow overflow = PageChecks.overflow(d);
            assertFalse(overflow.scrollsSideways(), page.getKey() + " scrolls sideways: " + overflow);
            List<String> console = severeConsole(d);
            assertTrue(console.isEmpty(), page.getKey() + ": " + console);
            // Only colours change with the preference: axe's contrast rule alone runs again under the dark one.
            for (String scheme : List.of("light", "dark")) {
                PageChecks.colourScheme(d, scheme);
                Axe.Result axe = "light".equals(scheme) ? Axe.wcag(d) : Axe.rule(d, "color-contrast");
                assertTrue(axe.contrastChecked() >= 5, page.getKey() + ": axe measured only " + axe.contrastChecked() + " texts");
                axe.violations().forEach(f -> failures.add(page.getKey() + " (" + scheme + "): " + f));
                PageChecks.placeholders(d).failures().forEach(f -> failures.add(page.getKey() + " (" + scheme + "): " + f));
            }
            PageChecks.colourScheme(d, "light");
        }
        assertTrue(failures.isEmpty(), "WCAG 2 A/AA failures: " + failures);
    }

    @Test
    @Timeout(120)
    void aBrandedPageWeighsUnderFiftyKilobytesWithItsLogoAndStaysReadableOnItsColour() throws Exception {
        ScanFixtures.Released released = ScanFixtures.released(browser.app(), "compact");
        Principal admin = new Principal(released.brandId(), "test");
        // Yellow, the hardest brand colour to read text on: the bar's text must turn dark.
        browser.app().services().branding().change(admin, new BrandingService.Change("Maison Lumière", "#ffd400",
                "https://maison.example/help", "https://maison.example/warranty", "https://maison.example/register"));
        browser.app().services().branding().changeLogo(admin, TestImages.logo(1800, 600));
        WebDriver d = browser.chrome("branded", 360, 740);
        d.get(released.codes().url(2) + "?lang=en");
        assertEquals("Genuine product", visible(d, By.tagName("h1")).getText());
        Object logoWidth = ((JavascriptExecutor) d).executeScript(
                "const img = document.querySelector('.brandmark img'); return img && img.complete ? img.naturalWidth : 0;");
        assertEquals(480L, logoWidth, "the logo loaded, at twice the size it is shown");
        Number bytes = (Number) ((JavascriptExecutor) d).executeScript(
                "return performance.getEntries().filter(e => e.decodedBodySize !== undefined)"
                        + ".reduce((sum, e) => sum + e.decodedBodySize, 0);");
        assertTrue(bytes.longValue() > 5_000 && bytes.longValue() < 50 * 1024, "page and logo: " + bytes + " bytes");
        assertEquals(3, d.findElements(By.cssSelector("#brand-links a")).size());
        Screenshots.save(d, "verdict-branded");
        assertFalse(PageChecks.overflow(d).scrollsSideways());
        assertTrue(severeConsole(d).isEmpty(), severeConsole(d).toString());
        List<String> failures = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            PageChecks.colourScheme(d, scheme);
            Axe.Result axe = "light".equals(scheme) ? Axe.wcag(d) : Axe.rule(d, "color-contrast");
            axe.violations().forEach(f -> failures.add(scheme + ": " + f));
        }
        assertTrue(failures.isEmpty(), "WCAG 2 A/AA failures: " + failures);
    }

    /** Severe console messages, such as a resource the page's policy blocked. */
    private static List<String> severeConsole(WebDriver d) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : d.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains(" 404 ")) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }
}
