package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.untilDecoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.touchmark.db.jooq.Tables.LABEL_HOST_SIGHTING;

import dev.touchmark.code.BatchCodes;
import dev.touchmark.testsupport.Eventually;
import dev.touchmark.testsupport.ScanFixtures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The in-browser scanner in real headless Chromium, with Chromium's fake camera playing a Y4M video of a
 * printed label: our own code opens its verdict page; a code leading elsewhere is refused with a warning.
 * Under CI=true a missing browser fails the test; elsewhere the test is skipped (see {@link BrowserHarness}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScannerBrowserIT {
    @AutoClose
    private BrowserHarness browser;

    @BeforeAll
    void start() throws Exception {
        // The public URL is this server's own address, so the QR's URL is one the browser can open.
        browser = BrowserHarness.start("scanner");
    }

    @Test
    @Timeout(120)
    void scanningOurOwnLabelOpensItsGenuineVerdict() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(browser.app(), "compact");
        String url = codes.url(0);
        String base = browser.base();
        assertTrue(url.startsWith(base.toUpperCase()), url);
        WebDriver driver = cameraPlaying(url, "own-code");
        driver.get(base + "/scan?lang=en");
        click(driver, "start");
        untilDecoded(driver, "#cam-status", d -> d.getCurrentUrl().contains("/V/"));
        WebElement h1 = new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertEquals("Genuine product", h1.getText());
        URI landed = URI.create(driver.getCurrentUrl());
        assertEquals(URI.create(url).getRawPath(), landed.getRawPath(), "the verdict page of that code");
        assertEquals("lang=en", landed.getRawQuery(), "the chosen language is carried over");
    }

    /**
     * Every label of a freshly minted batch is read, not just one: a label's QR differs with every code, and before
     * the encoder avoided finder lookalikes (see FinderLookalikes) about one still label in ten never decoded. The
     * camera's frames are given to the scanner's own decoder (html5-qrcode with the page's options, at the width the
     * camera view has on a phone) one at a time, in one browser; like the camera, a label counts as read when one of
     * its poses decodes to its URL. The camera path itself is {@link #scanningOurOwnLabelOpensItsGenuineVerdict}.
     */
    @Test
    @Timeout(600)
    void everyLabelOfABatchIsReadByTheScannersDecoder() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(browser.app(), "compact");
        WebDriver driver = browser.chrome("still-frames", 412, 915);
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
        driver.get(browser.base() + "/scan?lang=en");
        new WebDriverWait(driver, BrowserHarness.WAIT)
                .until(d -> ((JavascriptExecutor) d).executeScript("return typeof window.Html5Qrcode === 'function'"));
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < codes.quantity(); i++) {
            String url = codes.url(i);
            List<String> frames = FakeCamera.labelFramesAsPng(url).stream()
                    .map(png -> Base64.getEncoder().encodeToString(png)).toList();
            @SuppressWarnings("unchecked")
            List<Object> decoded = (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript(DECODE_STILLS, frames);
            if (!decoded.contains(url)) {
                unread.add("code " + i + " " + url + ": decoded " + decoded);
            }
        }
        assertTrue(unread.isEmpty(), unread.size() + " of " + codes.quantity() + " labels not read:\n"
                + String.join("\n", unread));
    }

    /**
     * Decodes each base64 PNG (arguments[0]) with html5-qrcode as the page configures it, in a box as wide as the
     * camera view on a phone; calls back with the decoded texts, null for a frame without a code.
     */
    private static final String DECODE_STILLS = """
            const [frames, done] = arguments;
            (async () => {
              const { qrScanner } = await import('/assets/qr-camera.js');
              if (!window.stillScanner) {
                const box = document.createElement('div');
                box.id = 'still-frame';
                box.style.width = '380px';
                document.body.append(box);
                window.stillScanner = await qrScanner('still-frame');
              }
              const scanner = window.stillScanner;
              const texts = [];
              for (const frame of frames) {
                const bytes = Uint8Array.from(atob(frame), (c) => c.charCodeAt(0));
                try {
                  texts.push(await scanner.scanFile(new File([bytes], 'frame.png', { type: 'image/png' }), false));
                } catch {
                  texts.push(null);
                }
              }
              return texts;
            })().then(done, (error) => done(['failed: ' + error]));
            """;

    @Test
    @Timeout(120)
    void aLabelLeadingToAnotherWebsiteIsShownAsAWarningNotOpenedAndItsHostRecorded() throws Exception {
        // A counterfeit label: one of a brand's code paths, on a lookalike host.
        ScanFixtures.Released released = ScanFixtures.released(browser.app(), "compact");
        String evil = "https://evil.example" + URI.create(released.codes().url(4)).getRawPath();
        long brandId = released.brandId();
        String base = browser.base();
        WebDriver driver = cameraPlaying(evil, "foreign-code");
        recordNavigations(driver);
        driver.get(base + "/scan");
        click(driver, "start");
        WebElement warning = untilDecoded(driver, "#cam-status",
                ExpectedConditions.visibilityOfElementLocated(By.id("foreign")));
        assertTrue(warning.getText().contains("This code leads to another website, not to 127.0.0.1:"),
                warning.getText());
        assertEquals(evil, driver.findElement(By.id("foreign-url")).getText());
        assertTrue(driver.findElements(By.cssSelector("a[href*='evil']")).isEmpty(), "no link to it");
        // The page shows the warning after the point where it opens our own codes: had it asked to go anywhere,
        // the navigation would be on record by now.
        assertEquals(true, ((JavascriptExecutor) driver).executeScript("return 'navigation' in window"),
                "this Chromium reports navigations");
        assertEquals(null, ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('navigations')"),
                "the page asked to go elsewhere");
        assertEquals(base + "/scan", driver.getCurrentUrl());
        assertTrue(driver.findElement(By.id("again")).isDisplayed(), "the shopper can scan again");
        assertTrue(driver.findElement(By.id("start")).getAttribute("hidden") != null);
        Eventually.await("the page told the server of the host", () -> sightings(brandId).equals(List.of("evil.example scanner")));
    }

    private List<String> sightings(long brandId) {
        return browser.app().services().database().dsl()
                .select(LABEL_HOST_SIGHTING.HOST, LABEL_HOST_SIGHTING.SOURCE).from(LABEL_HOST_SIGHTING)
                .where(LABEL_HOST_SIGHTING.BRAND_ID.eq(brandId)).fetch(r -> r.value1() + " " + r.value2());
    }

    /** A camera that reads nothing for 15 s gets advice in the status line, and the photo form is pointed to. */
    @Test
    @Timeout(120)
    void aCameraThatReadsNothingForAWhileSuggestsWhatHelpsAndThePhotoForm() throws Exception {
        WebDriver driver = browser.chrome("blank", 412, 915,
                FakeCamera.arguments(FakeCamera.blankVideo(browser.file("blank.y4m"))));
        driver.get(browser.base() + "/scan?lang=en");
        click(driver, "start");
        WebElement status = driver.findElement(By.id("cam-status"));
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> status.getText().startsWith("Looking for a QR code."));
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> status.getText().startsWith("No code read yet."));
        assertTrue(status.getText().contains("send a photo of the label with the form below"), status.getText());
        assertTrue(driver.findElement(By.id("photo")).isEnabled(), "the photo form is there");
        assertTrue(driver.findElement(By.id("stop")).isDisplayed(), "the camera keeps looking");
    }

    /**
     * Where the browser has its own barcode detector and it reads QR codes (Chrome on Android, for example), the
     * scanner decodes with it. Headless Chromium on Linux has none, so the page gets a stand-in before it loads:
     * it "detects" another code than the camera shows, so the page opening that code proves the detector was used.
     */
    @Test
    @Timeout(120)
    void theBrowsersOwnQrDetectorIsUsedWhereItReadsQrCodes() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(browser.app(), "compact");
        String detected = codes.url(1);
        WebDriver driver = cameraPlaying(codes.url(0), "native-qr");
        standInDetector(driver, "qr_code", detected);
        driver.get(browser.base() + "/scan?lang=en");
        click(driver, "start");
        untilDecoded(driver, "#cam-status", d -> d.getCurrentUrl().contains(URI.create(detected).getRawPath()));
        assertEquals("Genuine product", driver.findElement(By.tagName("h1")).getText());
    }

    /** A browser detector that reads other formats but not QR codes is left alone: zxing-js reads the label. */
    @Test
    @Timeout(120)
    void aBrowserDetectorWithoutQrCodesIsNotUsed() throws Exception {
        BatchCodes codes = ScanFixtures.releasedCodes(browser.app(), "compact");
        String shown = codes.url(0);
        WebDriver driver = cameraPlaying(shown, "native-ean");
        standInDetector(driver, "ean_13", codes.url(1));
        driver.get(browser.base() + "/scan?lang=en");
        click(driver, "start");
        untilDecoded(driver, "#cam-status", d -> d.getCurrentUrl().contains(URI.create(shown).getRawPath()));
        Object detections = ((JavascriptExecutor) driver).executeScript("return window.sessionStorage.getItem('detections')");
        assertEquals(null, detections, "the stand-in was never asked");
    }

    /**
     * Makes every page of the window note each navigation it starts (location.assign, a link, a form) in
     * sessionStorage, at the moment it starts it (the Navigation API's navigate event fires synchronously).
     */
    private static void recordNavigations(WebDriver driver) {
        String source = "window.navigation && navigation.addEventListener('navigate', (event) => {"
                + " sessionStorage.setItem('navigations', (sessionStorage.getItem('navigations') || '') + ' '"
                + " + event.destination.url); });";
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    /**
     * Gives every page of the window, before its own scripts run, a BarcodeDetector that reads only {@code format} and
     * answers {@code value} for anything it is shown (counting its calls in sessionStorage, which outlives the page).
     */
    private static void standInDetector(WebDriver driver, String format, String value) {
        String source = "window.BarcodeDetector = class {"
                + " static async getSupportedFormats() { return ['" + format + "']; }"
                + " constructor(options) { this.options = options; }"
                + " async detect() {"
                + "   sessionStorage.setItem('detections', String(Number(sessionStorage.getItem('detections') || 0) + 1));"
                + "   return [{ rawValue: '" + value + "', format: '" + format + "',"
                + "     boundingBox: { x: 0, y: 0, width: 200, height: 200 }, cornerPoints: [] }];"
                + " }"
                + "};";
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    /** A phone-sized window (without mobile emulation) whose camera plays a printed label of the text. */
    private WebDriver cameraPlaying(String text, String window) throws IOException {
        return browser.chrome(window, 412, 915,
                FakeCamera.arguments(FakeCamera.labelVideo(text, browser.file(window + ".y4m"))));
    }
}
