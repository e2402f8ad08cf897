package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.untilDecoded;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static dev.touchmark.browser.Keyboard.focused;
import static dev.touchmark.browser.Keyboard.press;
import static dev.touchmark.browser.Keyboard.shiftTabTo;
import static dev.touchmark.browser.Keyboard.tabTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.access.Principal;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.AllianceService;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.testsupport.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The brand dashboard in real headless Chromium, checked for people who use it differently: on a phone (no sideways
 * scrolling, the menu reaches every page), with the keyboard alone (every stop shows its focus; a new page puts it
 * on its heading; an alert is triaged and a batch recalled), with assistive technology and low vision (axe-core's
 * WCAG 2 A and AA rules on every page, text contrast with a light and a dark system preference), with the camera (the code lookup reads a label), and by role (an invited
 * viewer neither sees nor can call admin actions; admins' API keys, webhooks and thresholds persist). Under CI=true
 * a missing browser fails; elsewhere it skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAccessibilityBrowserIT {
    private static final String ADMIN_PASSWORD = "an admin password for the run";
    private static final String VIEWER_PASSWORD = "a viewer's own password 7";
    private static final List<String> NAV = List.of("overview", "map", "alerts", "products", "batches", "lookup",
            "reports", "keys", "rules", "alliances", "security", "webhooks", "apikeys", "users");
    private static final List<String> ADMIN_ONLY = List.of("webhooks", "apikeys", "users");
    @AutoClose
    private BrowserHarness browser;
    private String base;
    private DashboardSeed seed;

    /** A dashboard route (the part after #/) and what shows that it has finished loading. */
    private record Page(String route, String ready) {
        /** The route without its query, for messages. */
        String name() {
            return route.replaceFirst("\\?.*", "?…");
        }
    }

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("dashboard-a11y");
        base = browser.base();
        seed = DashboardSeed.create(browser.app(), ADMIN_PASSWORD);
        // One alliance the brand is in and one open invitation, so the alliances page shows both tables and buttons.
        AllianceService alliances = browser.app().services().alliances();
        Alliance member = alliances.create("Accessible Alliance", 8, "operator");
        alliances.invite(member.id(), seed.brandId(), "operator");
        alliances.accept(new Principal(seed.brandId(), "seed"), member.id());
        Alliance invited = alliances.create("Inviting Alliance", 8, "operator");
        alliances.invite(invited.id(), seed.brandId(), "operator");
    }

    /** Every page of the menu, and the detail pages with the widest content. */
    private List<Page> pages() {
        String code = URLEncoder.encode(seed.codes().url(0), StandardCharsets.UTF_8);
        return List.of(new Page("overview", "#stats .stat"), new Page("map", "#map[data-ready='true']"),
                new Page("alerts", "#alert-list table"), new Page("alerts/" + seed.unreleasedAlert(), "#alert-detail table"),
                new Page("products", "#product-list table"), new Page("batches", "#batch-list table"),
                new Page("batches/" + seed.released().id(), "#batch-detail[data-status] table"),
                new Page("lookup", "#lookup-code"), new Page("lookup?code=" + code, "#lookup-result [data-valid='true'] table"),
                new Page("reports", "#report-list table"), new Page("keys", "#key-list table"),
                new Page("rules", "#rule-cloneDevices"),
                new Page("alliances", "#sharing-panels .sharing[data-ready='true'] fieldset"), new Page("webhooks", "#webhook-list table"),
                new Page("apikeys", "#apikey-list table"), new Page("users", "#user-list table"),
                new Page("security", "#tf-state"));
    }

    @Test
    @Timeout(60)
    void onAPhoneNoPageScrollsSidewaysAndTheMenuButtonReachesEveryPage() throws Exception {
        WebDriver phone = browser.phone("phone", 390, 844);
        phone.get(base + "/dashboard");
        visible(phone, By.id("signin-email"));
        assertFitsTheScreen(phone, "sign-in");
        signIn(phone, seed.adminEmail(), ADMIN_PASSWORD);

        WebElement menu = visible(phone, By.cssSelector(".menu-toggle"));
        assertFalse(phone.findElement(By.id("nav")).isDisplayed(), "on a phone the navigation starts folded away");
        for (Page page : pages()) {
            if (NAV.contains(page.route())) {
                menu.click();
                assertEquals("true", menu.getAttribute("aria-expanded"));
                WebElement link = visible(phone, By.id("nav-" + page.route()));
                assertFitsTheScreen(phone, "the open menu on " + page.route());
                link.click();
                waitFor(phone).until(d -> "false".equals(menu.getAttribute("aria-expanded")));
                assertFalse(phone.findElement(By.id("nav")).isDisplayed(), "choosing a page folds the menu away");
            } else {
                go(phone, page.route());
            }
            waitUntilReady(phone, page);
            assertFitsTheScreen(phone, page.name());
        }
    }

    @Test
    @Timeout(60)
    void withTheKeyboardAloneStaffSignInTriageAnAlertAndRecallABatchSeeingTheFocusThroughout() throws Exception {
        Batch toRecall = releasedBatch("L2027-01");
        WebDriver d = browser.chrome("keyboard", 1280, 900);
        d.get(base + "/dashboard");
        waitFor(d).until(x -> focused(x, "#signin-email"));
        press(d, seed.adminEmail());
        tabTo(d, "#signin-password");
        press(d, ADMIN_PASSWORD, Keys.ENTER);
        waitFor(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-alerts")));

        tabTo(d, "#nav-alerts");
        press(d, Keys.ENTER);
        assertFocusOnHeading(d, "Alerts");
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list table")));
        // Filter to open alerts with the Filter button: the list is drawn again and the button keeps the focus.
        tabTo(d, "#f-status");
        press(d, Keys.ARROW_DOWN);
        assertEquals("open", value(d, "#f-status"));
        tabTo(d, "#alert-filter");
        press(d, Keys.ENTER);
        waitFor(d).withMessage("the Filter button keeps the focus after the alerts are filtered")
                .until(x -> x.getCurrentUrl().contains("status=open") && focused(x, "#alert-filter"));
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alert-list table")));
        tabTo(d, "a[href='#/alerts/" + seed.cloneAlert() + "']");
        press(d, Keys.ENTER);
        visible(d, By.cssSelector("#alert-detail[data-status='open']"));

        // Acknowledge: the first status offered; the button pressed with the space bar.
        tabTo(d, "#triage-status");
        assertEquals("acknowledged", value(d, "#triage-status"));
        tabTo(d, "#triage-comment");
        press(d, "Looking into it.");
        tabTo(d, "#triage-submit");
        press(d, Keys.SPACE);
        visible(d, By.cssSelector("#alert-detail[data-status='acknowledged']"));
        assertTrue(focused(d, "#triage-message"), "after the change the focus stays in the triage form, on its message: "
                + PageChecks.focus(d));

        // Resolve with a comment: back to the status with Shift+Tab, chosen with the arrow keys, sent with Enter.
        shiftTabTo(d, "#triage-status");
        for (int i = 0; i < 3 && !"resolved".equals(value(d, "#triage-status")); i++) {
            press(d, Keys.ARROW_DOWN);
        }
        assertEquals("resolved", value(d, "#triage-status"));
        tabTo(d, "#triage-comment");
        press(d, "Two test phones; not a counterfeit.");
        tabTo(d, "#triage-submit");
        press(d, Keys.ENTER);
        WebElement resolved = visible(d, By.cssSelector("#alert-detail[data-status='resolved']"));
        assertTrue(resolved.getText().contains("Two test phones; not a counterfeit."), resolved.getText());

        JsonNode alert = new Http(browser.app().port()).get("/api/v1/alerts/" + seed.cloneAlert(), seed.apiKey()).json();
        assertEquals("resolved", alert.path("status").asText());
        assertTrue(alert.path("history").toString().contains("Looking into it."), alert.toString());

        // Recall a batch: back up to the menu, into the batch, and the confirmation answered as Enter would.
        shiftTabTo(d, "#nav-batches");
        press(d, Keys.ENTER);
        assertFocusOnHeading(d, "Batches");
        // A filter draws the list again: the focus stays on the filter, not lost to the top of the page.
        tabTo(d, "#batch-filter");
        press(d, Keys.ARROW_DOWN);
        waitFor(d).withMessage("the product filter keeps the focus after the list is filtered")
                .until(x -> x.getCurrentUrl().contains("productId=") && focused(x, "#batch-filter"));
        press(d, Keys.ARROW_UP);
        waitFor(d).withMessage("the product filter keeps the focus after the filter is cleared")
                .until(x -> !x.getCurrentUrl().contains("productId=") && focused(x, "#batch-filter"));
        assertTrue(PageChecks.focus(d).visible(), "the filter shows its focus after the list is drawn again: " + PageChecks.focus(d));
        tabTo(d, "a[href='#/batches/" + toRecall.id() + "']");
        press(d, Keys.ENTER);
        assertFocusOnHeading(d, "Batch " + toRecall.id());
        tabTo(d, "#batch-reason");
        press(d, "Mislabelled lot.");
        tabTo(d, "#batch-recall");
        press(d, Keys.ENTER);
        waitFor(d).until(ExpectedConditions.alertIsPresent()).accept();
        visible(d, By.cssSelector("#batch-detail[data-status='recalled']"));
        // A recalled batch has no further actions, and so no form; the outcome is still said, and has the focus.
        assertTrue(d.findElements(By.id("batch-recall")).isEmpty(), "nothing more to do with a recalled batch");
        WebElement message = visible(d, By.cssSelector("#batch-message.ok"));
        assertTrue(message.getText().contains("recalled"), message.getText());
        assertTrue(focused(d, "#batch-message"), "focus after recalling: " + PageChecks.focus(d));
        assertTrue(PageChecks.focus(d).visible(), "the focused message shows it: " + PageChecks.focus(d));
        assertTrue(d.findElement(By.id("batch-detail")).getText().contains("Mislabelled lot."), "the reason is in its history");
        assertEquals("recalled", new Http(browser.app().port())
                .get("/api/v1/batches/" + toRecall.id(), seed.apiKey()).json().path("status").asText());
    }

    @Test
    @Timeout(180)
    void everyPagePassesAxesWcagRulesWithALightAndADarkSystemPreference() throws Exception {
        WebDriver d = browser.chrome("axe", 1280, 900);
        List<String> failures = new ArrayList<>();
        d.get(base + "/dashboard");
        visible(d, By.id("signin-email"));
        checkAccessibility(d, "sign-in", failures);
        signIn(d, seed.adminEmail(), ADMIN_PASSWORD);
        for (Page page : pages()) {
            go(d, page.route());
            waitUntilReady(d, page);
            checkAccessibility(d, page.name(), failures);
        }
        assertTrue(failures.isEmpty(), failures.size() + " WCAG 2 A/AA failures:\n" + String.join("\n", failures));
    }

    @Test
    @Timeout(60)
    void theChecksReportAFaintTextAnUnlabelledFieldAndAFaintPlaceholder() throws Exception {
        WebDriver d = browser.chrome("axe-self-check", 1280, 900);
        d.get(base + "/dashboard");
        visible(d, By.id("signin-email"));
        ((JavascriptExecutor) d).executeScript("""
                const main = document.querySelector('main') || document.body;
                main.insertAdjacentHTML('beforeend', '<p id="faint" style="color:#bbb;background:#fff">Barely there</p>'
                  + '<input id="unlabelled" style="color:#000;background:#fff">'
                  + '<style>#faint-hint::placeholder{color:#ccc}</style>'
                  + '<label>Hint <input id="faint-hint" placeholder="hard to read" style="background:#fff"></label>');
                """);
        List<String> violations = Axe.wcag(d).violations();
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("color-contrast") && v.contains("#faint")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("label") && v.contains("#unlabelled")), violations.toString());
        List<String> placeholders = PageChecks.placeholders(d).failures();
        assertTrue(placeholders.stream().anyMatch(f -> f.contains("#faint-hint")), placeholders.toString());
    }

    @Test
    @Timeout(120)
    void theCodeLookupReadsALabelWithTheCameraAndShowsItsBatchAndScans() throws Exception {
        String url = seed.codes().url(3);
        WebDriver d = browser.chrome("camera", 412, 915,
                FakeCamera.arguments(FakeCamera.labelVideo(url, browser.file("code-3.y4m"))));
        signIn(d, seed.adminEmail(), ADMIN_PASSWORD);
        go(d, "lookup");
        click(d, "lookup-camera");
        WebElement result = untilDecoded(d, "p.hint[role='status']", ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#lookup-result [data-valid='true']")));
        assertEquals(url, value(d, "#lookup-code"), "the decoded label fills the field");
        String text = result.getText();
        assertTrue(text.contains(seed.product()), text);
        assertTrue(text.contains("L2026-11"), text);
        WebElement batchLink = result.findElement(By.cssSelector("a[href='#/batches/" + seed.released().id() + "']"));
        assertEquals(String.valueOf(seed.released().id()), batchLink.getText());
        assertEquals(1, result.findElements(By.cssSelector("tbody tr")).size(), "the one scan of code 3 is listed");
        assertFalse(d.findElement(By.id("reader")).isDisplayed(), "the camera stops once it has read a code");
    }

    @Test
    @Timeout(120)
    void theBatchPageShowsHowFarItsCodesReachedShoppersAndTheLookupFindsWhatAShopperQuotes() throws Exception {
        WebDriver d = browser.chrome("progress", 1280, 900);
        signIn(d, seed.adminEmail(), ADMIN_PASSWORD);
        Http http = new Http(browser.app().port());
        JsonNode progress = http.get("/api/v1/batches/" + seed.released().id() + "/progress", seed.apiKey()).json();
        assertTrue(progress.path("codesScanned").asLong() >= 2, progress.toString());
        go(d, "batches/" + seed.released().id());
        WebElement bar = visible(d, By.id("batch-progress-bar"));
        assertEquals("20", bar.getAttribute("max"));
        assertEquals(progress.path("codesScanned").asText(), bar.getAttribute("value"));
        String text = d.findElement(By.id("batch-progress-text")).getText();
        assertTrue(text.startsWith(progress.path("codesScanned").asText() + " of 20 codes"), text);
        assertEquals(progress.path("topCountries").size(),
                d.findElements(By.cssSelector("#batch-progress tbody tr")).size(), "one row per country");

        String json = "{\"code\":\"" + seed.codes().url(5) + "\",\"deviceId\":\"" + "F".repeat(26) + "\"}";
        String reference = http.post("/api/v1/verify", null, json).json().path("scanId").asText();
        go(d, "lookup?code=" + URLEncoder.encode("Reference: " + reference, StandardCharsets.UTF_8));
        WebElement referenced = visible(d, By.cssSelector("#lookup-result tr.scan-referenced"));
        assertEquals(reference, referenced.getAttribute("data-scan-id"));
        assertTrue(d.findElement(By.id("lookup-found-by")).getText().contains(reference));

        String serial = seed.codes().serial(5);
        go(d, "lookup?code=" + URLEncoder.encode(serial.toLowerCase().substring(0, 8) + "-" + serial.substring(8),
                StandardCharsets.UTF_8));
        waitFor(d).until(x -> x.findElement(By.id("lookup-found-by")).getText().contains("serial number"));
        assertTrue(d.findElements(By.cssSelector("#lookup-result tr.scan-referenced")).isEmpty(), "no scan named by a serial");
    }

    @Test
    @Timeout(60)
    void adminsCreateAnApiKeyAndAWebhookChangeAThresholdThatOutlivesAReloadAndReleaseABatch() throws Exception {
        WebDriver d = browser.chrome("admin", 1280, 900);
        signIn(d, seed.adminEmail(), ADMIN_PASSWORD);

        click(d, "nav-apikeys");
        type(d, "apikey-name", "Warehouse ERP");
        new Select(visible(d, By.id("apikey-role"))).selectByValue("operator");
        click(d, "apikey-create");
        String key = visible(d, By.id("apikey-secret")).getText();
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("apikey-list"), "Warehouse ERP"));
        Http http = new Http(browser.app().port());
        assertEquals(200, http.get("/api/v1/products", key).status(), "the key shown once works");

        click(d, "nav-webhooks");
        type(d, "webhook-url", "https://hooks.erp.invalid/touchmark");
        type(d, "webhook-description", "ERP alerts");
        click(d, "webhook-create");
        assertTrue(visible(d, By.id("webhook-secret")).getText().contains("whsec_"), "the signing secret is shown once");
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-list"),
                "https://hooks.erp.invalid/touchmark"));

        click(d, "nav-rules");
        type(d, "rule-travelKmh", "1200");
        click(d, "rules-save");
        visible(d, By.cssSelector("#rules-message.ok"));
        d.navigate().refresh();
        waitFor(d).until(x -> "1200".equals(value(x, "#rule-travelKmh")));
        assertTrue(http.get("/api/v1/rules", seed.apiKey()).text().contains("\"travelKmh\":1200"));

        // Releasing a batch says so, and the focus follows to that message rather than being lost.
        go(d, "batches/" + seed.draft().id());
        click(d, "batch-release");
        WebElement message = visible(d, By.cssSelector("#batch-message.ok"));
        assertTrue(message.getText().contains("released"), message.getText());
        assertTrue(focused(d, "#batch-message"), "focus after releasing: " + PageChecks.focus(d));
    }

    @Test
    @Timeout(60)
    void anInvitedViewerChoosesAPasswordAndNeitherSeesNorCanCallAdminOrOperatorActions() throws Exception {
        WebDriver d = browser.chrome("viewer", 1280, 900);
        signIn(d, seed.adminEmail(), ADMIN_PASSWORD);
        click(d, "nav-users");
        type(d, "user-email", "viewer@accessible.example");
        click(d, "user-invite");
        String temporary = visible(d, By.id("user-password")).getText();
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-list"), "viewer@accessible.example"));
        click(d, "signout");

        signIn(d, "viewer@accessible.example", temporary);
        type(d, "pw-current", temporary);
        type(d, "pw-new", VIEWER_PASSWORD);
        type(d, "pw-again", VIEWER_PASSWORD);
        Axe.Result axe = Axe.wcag(d);
        assertTrue(axe.contrastChecked() >= 5, "password page: axe measured only " + axe.contrastChecked() + " texts");
        assertTrue(axe.violations().isEmpty(), "password page: " + axe.violations());
        click(d, "pw-submit");
        assertTrue(visible(d, By.cssSelector(".who")).getText().contains("viewer@accessible.example (viewer)"));

        for (String page : NAV) {
            assertEquals(!ADMIN_ONLY.contains(page), !d.findElements(By.id("nav-" + page)).isEmpty(), "menu entry " + page);
        }
        go(d, "users");
        waitFor(d).until(ExpectedConditions.textToBe(By.cssSelector("#main h1"), "Your role cannot open this page."));
        go(d, "rules");
        assertFalse(visible(d, By.id("rule-cloneDevices")).isEnabled(), "thresholds are read-only");
        assertFalse(d.findElement(By.id("rules-save")).isDisplayed());
        go(d, "keys");
        visible(d, By.cssSelector("#key-list table"));
        assertFalse(d.findElement(By.id("key-rotate")).isDisplayed());
        go(d, "products");
        visible(d, By.cssSelector("#product-list table"));
        assertTrue(d.findElements(By.id("product-create")).isEmpty());
        go(d, "batches/" + seed.released().id());
        visible(d, By.cssSelector("#batch-detail[data-status] table"));
        assertTrue(d.findElements(By.cssSelector("#batch-recall, #label-download")).isEmpty());
        go(d, "alerts/" + seed.unreleasedAlert());
        visible(d, By.cssSelector("#alert-detail table"));
        assertTrue(d.findElements(By.id("triage-status")).isEmpty());

        List<String> answers = fetchAll(d, List.of(
                List.of("GET", "/api/v1/users"),
                List.of("POST", "/api/v1/users", Map.of("email", "x@accessible.example", "role", "admin")),
                List.of("GET", "/api/v1/api-keys"),
                List.of("POST", "/api/v1/api-keys", Map.of("name", "mine", "role", "admin")),
                List.of("GET", "/api/v1/webhooks"),
                List.of("POST", "/api/v1/webhooks",
                        Map.of("url", "https://hooks.viewer.invalid/x", "eventTypes", List.of("alert.created"))),
                List.of("PUT", "/api/v1/rules", Map.of("cloneDevices", 50)),
                List.of("POST", "/api/v1/keys/rotate"),
                List.of("POST", "/api/v1/alerts/" + seed.unreleasedAlert() + "/status", Map.of("status", "resolved")),
                List.of("POST", "/api/v1/batches/" + seed.released().id() + "/recall", Map.of()),
                List.of("GET", "/api/v1/rules")));
        for (String answer : answers.subList(0, answers.size() - 1)) {
            assertTrue(answer.contains(" 403 ") && answer.contains("role"), "refused for the viewer's role: " + answer);
        }
        assertTrue(answers.get(answers.size() - 1).contains(" 200 "), "the same session may read: " + answers);
        assertTrue(new Http(browser.app().port()).get("/api/v1/rules", seed.apiKey()).text().contains("\"cloneDevices\":2"),
                "the thresholds are unchanged");
        assertEquals(2, browser.app().services().users().list(seed.brandId()).size(), "no user was added");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void signIn(WebDriver d, String email, String password) {
        if (!d.getCurrentUrl().startsWith(base + "/dashboard")) {
            d.get(base + "/dashboard");
        }
        type(d, "signin-email", email);
        type(d, "signin-password", password);
        click(d, "signin-submit");
        waitFor(d).until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("signout")),
                ExpectedConditions.presenceOfElementLocated(By.id("pw-current"))));
    }

    private static void go(WebDriver d, String route) {
        ((JavascriptExecutor) d).executeScript("location.hash = arguments[0];", "#/" + route);
    }

    private static void waitUntilReady(WebDriver d, Page page) {
        waitFor(d).withMessage(page.name() + " shows " + page.ready()).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x)
                .executeScript("return location.hash === '#/' + arguments[1] && !!document.querySelector(arguments[0])"
                        + " && !document.querySelector('#main .loading');", page.ready(), page.route())));
    }

    private static void assertFitsTheScreen(WebDriver d, String what) {
        PageChecks.Overflow overflow = PageChecks.overflow(d);
        assertFalse(overflow.scrollsSideways(), what + " scrolls sideways: " + overflow);
    }

    /**
     * axe's WCAG 2 A and AA rules, then its contrast rule again under the dark preference (only colours change with
     * it), and the placeholder contrast axe skips.
     */
    private static void checkAccessibility(WebDriver d, String what, List<String> failures) {
        for (String scheme : List.of("light", "dark")) {
            PageChecks.colourScheme(d, scheme);
            Axe.Result axe = "light".equals(scheme) ? Axe.wcag(d) : Axe.rule(d, "color-contrast");
            assertTrue(axe.contrastChecked() >= 5, what + ": axe measured only " + axe.contrastChecked() + " texts");
            System.out.println("[axe " + axe.version() + "] " + what + " (" + scheme + "): " + axe.contrastChecked()
                    + " texts measured, " + axe.violations().size() + " failures, " + axe.incomplete().size()
                    + " left for review " + axe.incomplete());
            axe.violations().forEach(f -> failures.add(what + " (" + scheme + "): " + f));
            PageChecks.placeholders(d).failures().forEach(f -> failures.add(what + " (" + scheme + "): " + f));
        }
        PageChecks.colourScheme(d, "light");
    }

    /** After a move to another page the focus is on its main heading (the text up to a status badge), and shows. */
    private static void assertFocusOnHeading(WebDriver d, String heading) {
        waitFor(d).withMessage(() -> "the focus on the heading \"" + heading + "\"; it is on " + PageChecks.focus(d))
                .until(x -> {
                    Object text = ((JavascriptExecutor) x).executeScript("const e = document.activeElement;"
                            + " return e && e.matches('#main h1') ? e.innerText.trim() : null;");
                    return heading.equals(text) || String.valueOf(text).startsWith(heading + " ");
                });
        PageChecks.Focus focus = PageChecks.focus(d);
        assertTrue(focus.visible(), "no visible focus indicator on the heading: " + focus);
    }

    /** A released batch of the seeded product, for a test to change. */
    private Batch releasedBatch(String lot) {
        Principal principal = new Principal(seed.brandId(), "test");
        Batch batch = browser.app().services().batches().create(principal,
                new NewBatch(seed.released().productId(), 5L, lot, null, null, "compact"));
        return browser.app().services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
    }

    private static String value(WebDriver d, String selector) {
        return (String) ((JavascriptExecutor) d).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.value : null;", selector);
    }

    /** Calls the API from the page's own session, with its CSRF token: "METHOD path status body" for each call. */
    @SuppressWarnings("unchecked")
    private static List<String> fetchAll(WebDriver d, List<List<Object>> calls) {
        Object answers = ((JavascriptExecutor) d).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const session = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json();
                  const out = [];
                  for (const [method, path, body] of arguments[0]) {
                    const r = await fetch(path, { method, credentials: 'same-origin',
                      body: body ? JSON.stringify(body) : undefined,
                      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken } });
                    out.push(`${method} ${path} ${r.status} ${(await r.text()).slice(0, 300)}`);
                  }
                  return out;
                })().then(done, (e) => done(['failed: ' + e]));""", calls);
        return (List<String>) answers;
    }
}
