package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's Export CSV buttons in headless Chromium: each carries the page's filters, and what it downloads
 * (with the session cookie, as the browser would) is the CSV of the rows the page lists; the buttons speak Chinese too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportBrowserIT {
    private static final String PASSWORD = "an export admin password";
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private String base;
    private DashboardSeed seed;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("exports");
        app = browser.app();
        base = browser.base();
        seed = DashboardSeed.create(app, PASSWORD);
    }

    @Test
    @Timeout(120)
    void eachExportButtonDownloadsWhatItsPageListsWithThePagesFilters() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        WebDriver d = browser.chrome("exports", 1280, 900);
        d.get(base + "/dashboard");
        BrowserHarness.type(d, "signin-email", seed.adminEmail());
        BrowserHarness.type(d, "signin-password", PASSWORD);
        click(d, "signin-submit");
        visible(d, By.id("signout"));

        d.get(base + "/dashboard#/alerts?status=open&from=" + today);
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list table")));
        String alerts = visible(d, By.id("alert-export")).getAttribute("href");
        assertTrue(alerts.contains("/api/v1/exports/alerts.csv?") && alerts.contains("status=open")
                && alerts.contains("from=" + today) && alerts.contains("lang=en"), alerts);
        Map<String, Object> file = download(d, alerts);
        assertEquals(200L, file.get("status"), file.toString());
        assertTrue(String.valueOf(file.get("disposition")).startsWith("attachment; filename=\"touchmark-alerts-"), file.toString());
        List<String> lines = lines(file);
        assertTrue(lines.get(0).startsWith("id,rule,severity,status,summary"), lines.get(0));
        assertEquals(d.findElements(By.cssSelector("#alert-list tr[data-alert-id]")).size(), lines.size() - 1, lines.toString());

        d.get(base + "/dashboard#/reports?verdict=genuine");
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-list table")));
        assertEquals("genuine", new Select(d.findElement(By.id("rp-verdict"))).getFirstSelectedOption().getAttribute("value"));
        String reports = visible(d, By.id("report-export")).getAttribute("href");
        assertTrue(reports.endsWith("/api/v1/exports/reports.csv?verdict=genuine"), reports);
        List<String> reportLines = lines(download(d, reports));
        assertTrue(reportLines.get(0).startsWith("id,scanId,batchId"), reportLines.get(0));
        assertEquals(d.findElements(By.cssSelector("#report-list tbody tr")).size(), reportLines.size() - 1, reportLines.toString());

        click(d, "nav-overview");
        String scans = visible(d, By.id("scan-export")).getAttribute("href");
        assertTrue(scans.contains("/api/v1/exports/scans.csv?from=") && scans.contains("to=" + today), scans);
        new Select(d.findElement(By.id("export-verdict"))).selectByValue("not_released");
        scans = d.findElement(By.id("scan-export")).getAttribute("href");
        assertTrue(scans.contains("verdict=not_released"), scans);
        List<String> scanLines = lines(download(d, scans));
        assertTrue(scanLines.get(0).startsWith("id,scannedAt,verdict"), scanLines.get(0));
        assertEquals(2, scanLines.size(), "the draft batch scanned in Madrid: " + scanLines);
        assertTrue(scanLines.get(1).contains(",not_released,"), scanLines.get(1));

        new Select(visible(d, By.id("lang"))).selectByValue("zh-CN");
        waitFor(d).until(ExpectedConditions.textToBe(By.id("scan-export"), "导出 CSV"));
        d.get(base + "/dashboard#/alerts");
        waitFor(d).until(ExpectedConditions.textToBe(By.id("alert-export"), "导出 CSV"));
        assertTrue(d.findElement(By.id("alert-export")).getAttribute("href").contains("lang=zh-CN"));
    }

    /** What a GET of the link gives the page's own session: status, Content-Disposition and text. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> download(WebDriver d, String href) {
        return (Map<String, Object>) ((JavascriptExecutor) d).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], { credentials: 'same-origin' }).then(async (r) => done({ status: r.status,"
                + " disposition: r.headers.get('Content-Disposition'), text: await r.text() })).catch((e) => done({ error: String(e) }));",
                href);
    }

    private static List<String> lines(Map<String, Object> file) {
        String text = String.valueOf(file.get("text"));
        assertTrue(text.endsWith("\r\n"), file.toString());
        return List.of(text.split("\r\n"));
    }
}
