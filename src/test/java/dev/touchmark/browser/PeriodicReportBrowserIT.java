package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static dev.touchmark.db.jooq.Tables.BRAND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.access.User;
import dev.touchmark.brand.BrandService;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The regular reports page in headless Chromium: an admin generates last month's report and sees it listed with its
 * downloads (the page passing axe-core's WCAG 2 A and AA rules), and chooses weekly reports too. Under CI=true a missing browser fails the test; elsewhere it is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeriodicReportBrowserIT {
    private static final String PASSWORD = "a regular reports admin password";
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private String base;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("periodic-reports");
        app = browser.app();
        base = browser.base();
    }

    @Test
    @Timeout(120)
    void anAdminGeneratesLastMonthsReportSeesItListedAndChoosesWeeklyReports() throws Exception {
        BrandService.CreatedBrand brand = app.services().brands().create("Report Brand", "admin@report-brand.example");
        long brandId = brand.brand().id();
        // A brand of some months' standing, so last month is a period it existed in.
        app.services().database().dsl().update(BRAND)
                .set(BRAND.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC).minusMonths(3)).where(BRAND.ID.eq(brandId)).execute();
        User admin = app.services().users().list(brandId).get(0);
        app.services().users().setKnownPassword(brandId, admin.id(), PASSWORD);

        WebDriver d = browser.chrome("periodic-admin", 1280, 900);
        d.get(base + "/dashboard");
        BrowserHarness.type(d, "signin-email", brand.adminEmail());
        BrowserHarness.type(d, "signin-password", PASSWORD);
        click(d, "signin-submit");
        visible(d, By.id("signout"));
        click(d, "nav-periodic-reports");
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("periodic-list"), "No reports yet"));
        assertTrue(d.findElement(By.id("periodic-schedule-monthly")).isSelected(), "monthly by default");
        assertFalse(d.findElement(By.id("periodic-schedule-weekly")).isSelected());

        new Select(d.findElement(By.id("periodic-kind"))).selectByValue("monthly");
        String start = d.findElement(By.id("periodic-start")).getAttribute("value");
        assertTrue(start.endsWith("-01"), start);
        click(d, "periodic-generate");
        String message = visible(d, By.cssSelector("#periodic-message.message.ok")).getText();
        assertTrue(message.contains(start) && message.contains("is ready"), message);
        WebElement row = visible(d, By.cssSelector("#periodic-list tr[data-report]"));
        assertTrue(row.getText().contains(start) && row.getText().contains("ready"), row.getText());
        String id = row.getAttribute("data-report");
        assertTrue(d.findElement(By.id("periodic-pdf-" + id)).getAttribute("href").endsWith("/api/v1/periodic-reports/" + id + ".pdf"));
        assertTrue(d.findElement(By.id("periodic-csv-" + id)).getAttribute("href").endsWith("/api/v1/periodic-reports/" + id + ".csv"));
        dev.touchmark.testsupport.Screenshots.save(d, "dashboard-periodic-reports");

        Axe.Result axe = Axe.wcag(d);
        assertTrue(axe.violations().isEmpty(), "regular reports page: " + axe.violations());

        click(d, "periodic-schedule-weekly");
        click(d, "periodic-schedule-save");
        assertEquals("Schedule saved.", visible(d, By.cssSelector("#periodic-message.message.ok")).getText());
        assertTrue(app.services().periodicReports().schedule(brandId).weekly(), "the server holds the new schedule");
    }
}
