package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.batch.Batch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.label.Paper;
import dev.touchmark.label.SheetLayout;
import dev.touchmark.testsupport.Screenshots;
import dev.touchmark.testsupport.QrDecoding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The brand dashboard in real headless Chromium, as brand staff use it: sign in with the temporary password and
 * choose a new one, create a product and a batch, download the PDF labels and read a QR from them, release the
 * batch, set the clone threshold to two phones, scan the code from two phones (two browser profiles, each with
 * its own device cookie), watch the clone alert arrive on the open dashboard without a reload, and resolve it.
 * With -Dscreenshots=docs/images the run also saves the main pages as PNGs for the README.
 * Under CI=true a missing browser fails the test; elsewhere the test is skipped (see {@link BrowserHarness}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    private static final String NEW_PASSWORD = "a long new password 42";
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private String base;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("dashboard");
        app = browser.app();
        base = browser.base();
    }

    @Test
    @Timeout(240)
    void brandStaffMakeLabelsAndSeeACloneAlertArriveLiveAndResolveIt() throws Exception {
        BrandService.CreatedBrand brand = app.services().brands().create("Browser Test Brand", "admin@browser-test.example");
        WebDriver dash = browser.chrome("dashboard", 1280, 900);

        // Sign in with the temporary password; the dashboard insists on a new one first.
        dash.get(base + "/dashboard");
        type(dash, "signin-email", brand.adminEmail());
        type(dash, "signin-password", brand.adminPassword());
        click(dash, "signin-submit");
        type(dash, "pw-current", brand.adminPassword());
        type(dash, "pw-new", NEW_PASSWORD);
        type(dash, "pw-again", NEW_PASSWORD);
        click(dash, "pw-submit");
        visible(dash, By.id("nav-overview"));
        assertTrue(dash.findElement(By.cssSelector(".who")).getText().contains(brand.adminEmail()));
        visible(dash, By.cssSelector("#stats .stat"));
        long firstLoad = firstLoadBytes(dash);
        System.out.println("[dashboard] first load (HTML, CSS, JS of sign-in and overview): " + firstLoad + " bytes");
        assertTrue(firstLoad < 300_000, "first load " + firstLoad + " bytes");

        // A product, then a batch of it.
        click(dash, "nav-products");
        type(dash, "product-name", "Hydrating Serum 50 ml");
        type(dash, "product-markets", "FR, DE");
        click(dash, "product-create");
        waitFor(dash).until(ExpectedConditions.textToBePresentInElementLocated(By.id("product-list"), "Hydrating Serum 50 ml"));
        click(dash, "nav-batches");
        WebElement quantity = visible(dash, By.id("batch-quantity"));
        quantity.clear();
        quantity.sendKeys("12");
        type(dash, "batch-lot", "L2026-11");
        click(dash, "batch-create");
        WebElement detail = visible(dash, By.cssSelector("#batch-detail[data-status='draft']"));
        assertTrue(detail.getText().contains("Hydrating Serum 50 ml"), detail.getText());
        long batchId = Long.parseLong(dash.getCurrentUrl().replaceAll(".*#/batches/", ""));
        Batch batch = app.services().batches().get(brand.brand().id(), batchId);
        String expectedUrl = app.services().batches().codes(batch).url(0);

        // The PDF labels the page offers (A4 by default): the first label holds code 0.
        new Select(visible(dash, By.id("label-format"))).selectByValue("pdf");
        String href = visible(dash, By.id("label-download")).getAttribute("href");
        assertTrue(href.contains("format=pdf"), href);
        String decoded = firstLabel(download(dash, href));
        assertEquals(expectedUrl, decoded);
        screenshot(dash, "batches");

        // Release it in the page.
        click(dash, "batch-release");
        visible(dash, By.cssSelector("#batch-detail[data-status='released']"));

        // A sheet the server refuses: the download is checked first, and the server's reason shows in the page.
        type(dash, "label-columns", "99");
        click(dash, "label-download");
        WebElement refused = visible(dash, By.cssSelector("#labels-title ~ .card .message.error"));
        assertTrue(refused.getText().contains("'columns' must be a whole number from 1 to 20"), refused.getText());
        // Back to the top as a person would scroll: scrolled down, the sticky top bar overlaps what Selenium clicks next.
        ((JavascriptExecutor) dash).executeScript("window.scrollTo(0, 0);");

        // Two phones make a clone from here on (the thresholds page, as an admin).
        click(dash, "nav-rules");
        WebElement clone = visible(dash, By.id("rule-cloneDevices"));
        clone.clear();
        clone.sendKeys("2");
        click(dash, "rules-save");
        visible(dash, By.cssSelector("#rules-message.ok"));
        String rules = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules"))
                .header("Authorization", "Bearer " + brand.apiKey()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(rules.contains("\"cloneDevices\":2"), rules);

        // The overview stays open with the live feed connected; a marker shows it is never reloaded.
        click(dash, "nav-overview");
        visible(dash, By.cssSelector("#live-state.on"));
        visible(dash, By.id("stat-codesMinted"));
        ((JavascriptExecutor) dash).executeScript("window.__notReloaded = 'still here';");

        for (String phone : List.of("phone-a", "phone-b")) {
            WebDriver shopper = browser.chrome(phone, 412, 915);
            shopper.get(decoded);
            WebElement h1 = visible(shopper, By.tagName("h1"));
            assertTrue(!h1.getText().isBlank(), "a verdict page");
            assertTrue(shopper.manage().getCookieNamed("tm_device") != null, "each phone gets its own device cookie");
        }

        WebElement alert = new WebDriverWait(dash, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#live-feed li[data-alert-id]")));
        assertTrue(alert.getText().toLowerCase().contains("cloned_code"), alert.getText());
        assertEquals("still here", ((JavascriptExecutor) dash).executeScript("return window.__notReloaded;"),
                "the alert arrived without a reload");
        screenshot(dash, "overview");

        // Open it and resolve it with a comment.
        String alertId = alert.getAttribute("data-alert-id");
        alert.findElement(By.tagName("a")).click();
        visible(dash, By.cssSelector("#alert-detail[data-status='open']"));
        new Select(visible(dash, By.id("triage-status"))).selectByValue("resolved");
        type(dash, "triage-comment", "Two test phones; not a counterfeit.");
        screenshot(dash, "alerts");
        click(dash, "triage-submit");
        WebElement resolved = visible(dash, By.cssSelector("#alert-detail[data-status='resolved']"));
        assertTrue(resolved.getText().contains("Two test phones; not a counterfeit."), resolved.getText());
        assertEquals("still here", ((JavascriptExecutor) dash).executeScript("return window.__notReloaded;"));

        // The code lookup shows the two scans of that code.
        click(dash, "nav-lookup");
        type(dash, "lookup-code", decoded);
        click(dash, "lookup-submit");
        WebElement result = visible(dash, By.cssSelector("#lookup-result [data-valid='true']"));
        assertTrue(result.getText().contains("Hydrating Serum 50 ml"), result.getText());
        assertEquals(2, result.findElements(By.cssSelector("tbody tr")).size(), "both scans are listed");
        screenshot(dash, "lookup");

        click(dash, "nav-map");
        visible(dash, By.cssSelector("#map[data-ready='true']"));
        screenshot(dash, "map");

        // Simplified Chinese, remembered across a reload.
        new Select(visible(dash, By.id("lang"))).selectByValue("zh-CN");
        waitFor(dash).until(ExpectedConditions.textToBe(By.id("nav-overview"), "概览"));
        dash.navigate().refresh();
        waitFor(dash).until(ExpectedConditions.textToBe(By.id("nav-overview"), "概览"));
        assertEquals("zh-CN", dash.findElement(By.tagName("html")).getAttribute("lang"));
        // The server's sentences follow: the clone alert's summary is written in Chinese.
        dash.get(base + "/dashboard#/alerts/" + alertId);
        WebElement summary = visible(dash, By.cssSelector("#alert-detail .summary"));
        assertTrue(summary.getText().contains("部不同的手机"), "the alert summary in Chinese: " + summary.getText());
        // And the verdicts of the code's scans are words of the page's language, not API ids.
        waitFor(dash).withMessage("the scans of the code with their verdicts in Chinese").until(x -> {
            String text = x.findElement(By.id("alert-detail")).getText();
            return text.contains("正品") && !text.contains("genuine") && !text.contains("seen_before");
        });
    }

    /** Bytes of the page and every file it loaded but API answers (uncompressed, as the server sends them). */
    private static long firstLoadBytes(WebDriver driver) {
        Object bytes = ((JavascriptExecutor) driver).executeScript(
                "const nav = performance.getEntriesByType('navigation')[0];"
                        + "return performance.getEntriesByType('resource').filter(r => !r.name.includes('/api/'))"
                        + ".reduce((sum, r) => sum + r.decodedBodySize, nav.decodedBodySize);");
        return ((Number) bytes).longValue();
    }

    /** The file behind a link of the page, fetched by the page itself (with its session cookie). */
    private static byte[] download(WebDriver driver, String href) {
        Object base64 = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error('HTTP ' + r.status)))"
                        + ".then(b => { let s = ''; const u = new Uint8Array(b);"
                        + " for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode.apply(null, u.subarray(i, i + 8192));"
                        + " done(btoa(s)); })"
                        + ".catch(e => done('error: ' + e.message));", href);
        assertTrue(base64 instanceof String s && !s.startsWith("error"), String.valueOf(base64));
        return Base64.getDecoder().decode((String) base64);
    }

    /** The QR of the first label of an A4 sheet, read with PDFBox and ZXing as a print shop would. */
    private static String firstLabel(byte[] pdf) throws IOException {
        int dpi = 300;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            SheetLayout layout = SheetLayout.defaults(Paper.A4);
            int x = px(layout.labelLeftMm(0), dpi);
            int y = px(layout.labelTopMm(0), dpi);
            return QrDecoding.decode(page.getSubimage(x, y, px(layout.labelWidthMm(), dpi), px(layout.labelHeightMm(), dpi)));
        }
    }

    private static int px(double mm, int dpi) {
        return (int) Math.round(mm / 25.4 * dpi);
    }

    /** Saves docs/images/dashboard-NAME.png when -Dscreenshots=DIR asks for it. */
    private static void screenshot(WebDriver driver, String name) throws IOException {
        Screenshots.save(driver, "dashboard-" + name);
    }
}
