package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.access.Principal;
import dev.touchmark.access.User;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.AllianceService;
import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.DashboardTexts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Every dashboard page opened first: right after sign-in, a full load of /dashboard#/page, so no other page's module
 * has run in that document. On a phone and a laptop, in English and Chinese, each page shows no raw translation key,
 * logs no error to the console and (on the phone) does not scroll sideways; the overview's date labels do not
 * overlap. A brand with no scans is shown its first steps instead of percentages of nothing. Under CI=true a
 * missing browser fails; elsewhere it skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFirstOpenBrowserIT {
    private static final String PASSWORD = "a password for the first-open run";
    private static final List<String> LANGUAGES = List.of("en", "zh-CN");
    /** Keys that cannot be a word of a sentence (snake_case or camelCase): seen in a page, they are untranslated. */
    private static final Set<String> KEYS = DashboardTexts.keys().stream().filter(k -> k.matches(".*(_|[a-z][A-Z]).*"))
            .collect(Collectors.toCollection(TreeSet::new));
    private static final String PAGE_TEXT = """
            const texts = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              texts.push(walker.currentNode.nodeValue);
            }
            document.querySelectorAll('[aria-label], [title], [placeholder], [alt]').forEach((el) =>
              ['aria-label', 'title', 'placeholder', 'alt'].forEach((a) => el.hasAttribute(a) && texts.push(el.getAttribute(a))));
            return texts.join('\\n');""";
    @AutoClose
    private BrowserHarness browser;
    private String base;
    private DashboardSeed seed;
    private String emptyBrandEmail;
    private int loads;

    /** A dashboard route (the part after #/) and what shows that it has finished loading. */
    private record Page(String route, String ready) {
    }

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("dashboard-first-open");
        base = browser.base();
        seed = DashboardSeed.create(browser.app(), PASSWORD);
        AllianceService alliances = browser.app().services().alliances();
        Alliance member = alliances.create("First Open Alliance", 8, "operator");
        alliances.invite(member.id(), seed.brandId(), "operator");
        alliances.accept(new Principal(seed.brandId(), "seed"), member.id());
        BrandService.CreatedBrand empty = browser.app().services().brands().create("Empty Brand", "admin@empty.example");
        User admin = browser.app().services().users().list(empty.brand().id()).get(0);
        browser.app().services().users().setKnownPassword(empty.brand().id(), admin.id(), PASSWORD);
        emptyBrandEmail = empty.adminEmail();
        assertTrue(KEYS.contains("al_at") && KEYS.contains("codesMinted") && KEYS.size() > 300, "the keys were read: " + KEYS.size());
    }

    /** Every page of the menu, and the detail pages that draw tables of their own. */
    private List<Page> pages() {
        String code = URLEncoder.encode(seed.codes().url(0), StandardCharsets.UTF_8);
        return List.of(new Page("overview", "#stats .stat"), new Page("map", "#map[data-ready='true']"),
                new Page("alerts", "#alert-list table"), new Page("alerts/" + seed.cloneAlert(), "#alert-detail table"),
                new Page("products", "#product-list table"), new Page("batches", "#batch-list table"),
                new Page("batches/" + seed.released().id(), "#batch-detail[data-status] table"),
                new Page("lookup", "#lookup-code"), new Page("lookup?code=" + code, "#lookup-result [data-valid='true'] table"),
                new Page("reports", "#report-list table"), new Page("periodic-reports", "#periodic-list > *"),
                new Page("keys", "#key-list table"), new Page("rules", "#rule-cloneDevices"),
                new Page("alliances", "#sharing-panels .sharing[data-ready='true'] fieldset"),
                new Page("webhooks", "#webhook-list table"), new Page("apikeys", "#apikey-list table"),
                new Page("users", "#user-list table"), new Page("notifications", "#notify-save"),
                new Page("security", "#tf-start"), new Page("branding", "#branding-preview .branding-bar"));
    }

    @Test
    @Timeout(300)
    void everyPageOpenedFirstOnAPhoneAndALaptopInEnglishAndChineseShowsNoRawKeyNoErrorAndFits() throws Exception {
        List<String> failures = new ArrayList<>();
        for (boolean phone : new boolean[] {true, false}) {
            WebDriver d = phone ? browser.phone("phone", 390, 844) : browser.chrome("laptop", 1366, 768);
            signIn(d, seed.adminEmail());
            for (String lang : LANGUAGES) {
                for (Page page : pages()) {
                    String what = (phone ? "phone" : "laptop") + " " + lang + " " + page.route().replaceFirst("\\?.*", "?…");
                    openFirst(d, lang, page);
                    failures.addAll(rawKeys(d, what));
                    if (phone && PageChecks.overflow(d).scrollsSideways()) {
                        failures.add(what + ": scrolls sideways " + PageChecks.overflow(d));
                    }
                    if (page.route().equals("overview")) {
                        assertTrue(d.findElements(By.id("first-steps")).isEmpty(), what + ": a brand with scans has no first steps");
                        failures.addAll(overlappingDateLabels(d, what));
                        List<WebElement> drafts = d.findElements(By.cssSelector("#stat-codesInDrafts .value"));
                        if (drafts.isEmpty() || !drafts.get(0).getText().equals("10")) {
                            failures.add(what + ": the draft batch's 10 codes are not shown apart from those minted");
                        }
                    }
                    if (page.route().equals("map") && d.findElements(By.cssSelector(".suspect-place")).isEmpty()) {
                        failures.add(what + ": the Berlin clone's cell is not listed with its suspect codes");
                    }
                    failures.addAll(consoleErrors(d, what));
                }
            }
            browser.quit(d);
        }
        assertEquals(List.of(), failures, failures.size() + " problems");
    }

    @Test
    @Timeout(60)
    void aBrandWithNoScansIsShownItsFirstStepsWithLinksAndNoPercentages() throws Exception {
        WebDriver d = browser.phone("empty-brand", 390, 844);
        signIn(d, emptyBrandEmail);
        for (String lang : LANGUAGES) {
            openFirst(d, lang, new Page("overview", "#first-steps li"));
            WebElement steps = visible(d, By.id("first-steps"));
            List<String> links = steps.findElements(By.cssSelector("ol li a")).stream()
                    .map(a -> a.getAttribute("href").replaceFirst(".*#", "#")).toList();
            assertEquals(List.of("#/products", "#/batches", "#/batches", "#/lookup"), links, lang);
            for (String share : List.of("stat-genuineShare", "stat-suspectShare")) {
                assertEquals("–", d.findElement(By.cssSelector("#" + share + " .value")).getText(), lang + " " + share);
            }
            assertFalse(d.findElement(By.id("stats")).getText().contains("%"), lang + ": no percentage of no scans");
            assertEquals(List.of(), rawKeys(d, lang));
            assertFalse(PageChecks.overflow(d).scrollsSideways(), lang + ": " + PageChecks.overflow(d));
            assertEquals(List.of(), Axe.wcag(d).violations(), lang + ": WCAG 2 A/AA");
        }
        // Taking the first step: its link leads to the products page.
        d.findElement(By.cssSelector("#first-steps ol li a")).click();
        visible(d, By.id("product-list"));
        assertEquals(List.of(), consoleErrors(d, "empty brand"));
    }

    @Test
    @Timeout(90)
    void anAdminBrandsTheVerificationPageAndTheNextScanShowsIt() throws Exception {
        WebDriver d = browser.chrome("branding", 1366, 900);
        signIn(d, seed.adminEmail());
        openFirst(d, "en", new Page("branding", "#branding-preview .branding-bar"));
        type(d, "branding-name", "Maison Test");
        click(d, "branding-use-colour");
        ((JavascriptExecutor) d).executeScript("const c = document.getElementById('branding-colour'); c.value = '#ffd400';"
                + " c.dispatchEvent(new Event('input'));");
        type(d, "branding-support", "https://maison.example/help");
        type(d, "branding-registration", "https://maison.example/register");
        assertTrue(d.findElement(By.id("branding-text-on")).getText().contains("black"), "dark text on yellow");
        click(d, "branding-save");
        waitFor(d).until(x -> x.findElement(By.id("branding-message")).getText().startsWith("Saved"));
        java.nio.file.Path logo = java.nio.file.Files.createTempFile("logo-", ".png");
        java.nio.file.Files.write(logo, dev.touchmark.testsupport.TestImages.logo(900, 300));
        d.findElement(By.id("branding-logo-file")).sendKeys(logo.toString());
        waitFor(d).until(x -> !x.findElements(By.cssSelector("#branding-logo img")).isEmpty());
        assertEquals("Logo saved.", d.findElement(By.id("branding-logo-message")).getText());
        assertEquals(List.of(), Axe.wcag(d).violations(), "the Verification page: WCAG 2 A/AA");
        assertEquals(List.of(), consoleErrors(d, "branding"));

        d.get(seed.codes().url(1) + "?lang=en");
        WebElement bar = visible(d, By.cssSelector("header.brandbar.accented"));
        assertEquals("Maison Test", bar.findElement(By.cssSelector(".brandmark img")).getAttribute("alt"));
        assertEquals("https://maison.example/register",
                d.findElement(By.id("brand-register")).getAttribute("href"));
        browser.quit(d);
    }

    private void signIn(WebDriver d, String email) {
        d.get(base + "/dashboard");
        type(d, "signin-email", email);
        type(d, "signin-password", PASSWORD);
        click(d, "signin-submit");
        visible(d, By.id("signout"));
        d.manage().logs().get(LogType.BROWSER); // what signing in logged is not a page's
    }

    /** A fresh document on the page (a new query string forces a full load), in a language. */
    private void openFirst(WebDriver d, String lang, Page page) {
        ((JavascriptExecutor) d).executeScript("localStorage.setItem('touchmark.lang', arguments[0]);", lang);
        d.get(base + "/dashboard?load=" + (++loads) + "#/" + page.route());
        try {
            waitFor(d).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript(
                    "return document.documentElement.lang === arguments[1]"
                    + " && !!document.querySelector(arguments[0]) && !document.querySelector('#main .loading');",
                    page.ready(), lang)));
        } catch (TimeoutException e) {
            throw new AssertionError(lang + " " + page.route() + " never showed " + page.ready() + "; the page says: "
                    + d.findElement(By.id("app")).getText() + "; console: " + consoleErrors(d, ""), e);
        }
    }

    private static List<String> rawKeys(WebDriver d, String what) {
        String text = (String) ((JavascriptExecutor) d).executeScript(PAGE_TEXT);
        Set<String> seen = Arrays.stream(text.split("[^\\w-]+")).filter(KEYS::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        return seen.isEmpty() ? List.of() : List.of(what + ": raw keys " + seen);
    }

    private static List<String> consoleErrors(WebDriver d, String what) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> what + ": console " + entry.getMessage()).toList();
    }

    /** The overview chart's date labels, for the 30 days and then the 48 hours: none overlaps the next. */
    private static List<String> overlappingDateLabels(WebDriver d, String what) throws Exception {
        List<String> failures = new ArrayList<>();
        for (String period : List.of("daily", "hourly")) {
            JavascriptExecutor js = (JavascriptExecutor) d;
            if (period.equals("hourly")) {
                js.executeScript("document.getElementById('chart').removeAttribute('data-x-labels');");
                new Select(d.findElement(By.id("period"))).selectByValue("hourly");
            }
            WebElement chart = d.findElement(By.id("chart"));
            waitFor(d).withMessage(what + ": the chart's date labels").until(ExpectedConditions.attributeToBeNotEmpty(chart,
                    "data-x-labels"));
            String json = chart.getAttribute("data-x-labels");
            JsonNode labels = new ObjectMapper().readTree(json);
            if (labels.size() < 2) {
                failures.add(what + " " + period + ": only " + labels.size() + " date labels");
            }
            for (int i = 1; i < labels.size(); i++) {
                double right = labels.get(i - 1).get(1).asDouble();
                double left = labels.get(i).get(0).asDouble();
                if (left < right - 0.5) {
                    failures.add(what + " " + period + ": date labels " + (i - 1) + " and " + i + " overlap (" + json + ")");
                }
            }
        }
        return failures;
    }
}
