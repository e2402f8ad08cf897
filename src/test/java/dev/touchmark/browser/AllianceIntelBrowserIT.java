package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static dev.touchmark.browser.Keyboard.focused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.access.User;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.brand.BrandService;
import dev.touchmark.db.JobLease;
import dev.touchmark.testsupport.AllianceSeeds;
import dev.touchmark.testsupport.Http;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The "Shared intelligence" section of the alliances page in headless Chromium. Three brands share hotspots (one by
 * name, two anonymously), the named one also forgery waves and a suspect seller; the reading brand sees each item
 * with its members, the named member's name and never the anonymous one's, its count in words, and a badge where it
 * saw the item itself. The class filter, "only items we saw too" and the pages of 50 narrow the table and the world
 * map's points alike; a seller is text, never a link. Where nothing can be shown the section says why: nobody shares,
 * too few members share for anonymous items, or nothing was seen. The page passes axe's WCAG 2 A and AA rules, and
 * in Chinese no key shows instead of its text. Under CI=true a missing browser fails; elsewhere it skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllianceIntelBrowserIT {
    private static final String OPERATOR = "operator";
    private static final String PASSWORD = "an intelligence reader password";
    private static final String NAMED = "Acme Watches";
    private static final String ANONYMOUS = "Hidden Maker Co";
    private static final String SELLER = "counterfeit-shop.example/item/7";
    /** Cells whose middles are 52.2, 13.2 and 45.2, 2.2. */
    private static final String BERLIN = "104:26";
    private static final String LYON = "90:4";
    /** Older hotspots of the named member, so the items run to a second page of 50. */
    private static final int OLDER = 50;
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private Http http;
    private BrandService.CreatedBrand reader;
    private Alliance shared;
    private Alliance quiet;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("alliance-intel");
        app = browser.app();
        http = new Http(app.port());
        // The test holds the background refresh's lease, as another node would, so the job never replaces the
        // signals seeded here while the test reads them; the test refreshes itself.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertTrue(new JobLease(dsl(), "alliance_intel").claim("AllianceIntelBrowserIT", now, now.plusHours(2)));

        reader = app.services().brands().create("Intel Reader Brand", "admin@intel-reader.example");
        User admin = app.services().users().list(reader.brand().id()).get(0);
        app.services().users().setKnownPassword(reader.brand().id(), admin.id(), PASSWORD);
        BrandService.CreatedBrand named = app.services().brands().create(NAMED, "admin@acme-watches.example");
        BrandService.CreatedBrand anonymous = app.services().brands().create(ANONYMOUS, "admin@hidden-maker.example");

        shared = app.services().alliances().create("Northern Watch Alliance", 8, OPERATOR);
        for (BrandService.CreatedBrand brand : List.of(reader, named, anonymous)) {
            join(shared, brand);
        }
        share(shared, named, "{\"hotspots\":\"named\",\"forgery_waves\":\"named\",\"sellers\":\"named\"}");
        share(shared, anonymous, "{\"hotspots\":\"anonymous\"}");
        share(shared, reader, "{\"hotspots\":\"anonymous\"}");
        // In the second alliance only the anonymous brand shares hotspots: below the floor, so nothing shows.
        quiet = app.services().alliances().create("Quiet Alliance", 8, OPERATOR);
        join(quiet, reader);
        join(quiet, anonymous);
        share(quiet, anonymous, "{\"hotspots\":\"anonymous\"}");
        share(quiet, reader, "{\"forgery_waves\":\"named\"}");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        hotspot(named, BERLIN, 5, today.minusDays(1));
        hotspot(anonymous, BERLIN, 4, today.minusDays(2));
        hotspot(reader, BERLIN, 3, today.minusDays(1));
        hotspot(anonymous, LYON, 7, today.minusDays(1));
        forged(named, BERLIN, 6, today.minusDays(2));
        for (int i = 0; i < OLDER; i++) {
            hotspot(named, (60 + i) + ":" + (10 + i), 1, today.minusDays(20));
        }
        // Three shoppers of the named brand reported the same seller.
        for (String phone : List.of("PHONE-1", "PHONE-2", "PHONE-3")) {
            new AllianceSeeds(dsl()).sellerReport(named.brand().id(), SELLER, phone, OffsetDateTime.now(ZoneOffset.UTC));
        }
        app.intel().refresh();
    }

    private DSLContext dsl() {
        return app.services().database().dsl();
    }

    private void join(Alliance alliance, BrandService.CreatedBrand brand) {
        app.services().alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        Http.Response r = http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null);
        assertEquals(200, r.status(), r.text());
    }

    private void share(Alliance alliance, BrandService.CreatedBrand brand, String body) {
        Http.Response r = http.send("PUT", "/api/v1/alliances/" + alliance.id() + "/sharing", brand.apiKey(), body);
        assertEquals(200, r.status(), r.text());
    }

    private void hotspot(BrandService.CreatedBrand brand, String cell, long suspect, LocalDate day) {
        new AllianceSeeds(dsl()).hotspot(brand.brand().id(), cell, suspect, day);
    }

    private void forged(BrandService.CreatedBrand brand, String cell, long forged, LocalDate day) {
        new AllianceSeeds(dsl()).forged(brand.brand().id(), cell, forged, day);
    }

    @Test
    @Timeout(180)
    void theReaderSeesTheAlliancesItemsFiltersThemAndSeesWhyAnAllianceShowsNothing() throws Exception {
        long id = shared.id();
        WebDriver d = browser.chrome("intel-reader", 1280, 900);
        d.get(browser.base() + "/dashboard");
        type(d, "signin-email", reader.adminEmail());
        type(d, "signin-password", PASSWORD);
        click(d, "signin-submit");
        visible(d, By.id("signout"));
        click(d, "nav-alliances");
        WebElement section = ready(d, id);
        assertTrue(section.getText().contains("Shared intelligence in “Northern Watch Alliance”"), section.getText());
        assertTrue(section.getText().contains("in the last 30 days"), "the window is named");

        // All classes, page 1 of 2: class by class, the newest items of each first, with members and counts in words.
        int total = 2 + OLDER + 1 + 1;
        assertEquals("Items 1–50 of " + total + ".", text(d, "intel-" + id + "-shown"));
        assertEquals(50, rows(d, id).size());
        assertEquals(List.of("hotspots"), classes(d, id));
        String berlin = row(d, id, "hotspots", BERLIN).getText();
        assertTrue(berlin.contains("around 52.2, 13.2") && berlin.contains("3 members: " + NAMED + ", 2 anonymous")
                && berlin.contains("12 suspect scans") && berlin.contains("We saw it too"), berlin);
        String lyon = row(d, id, "hotspots", LYON).getText();
        assertTrue(lyon.contains("around 45.2, 2.2") && lyon.contains("1 member: 1 anonymous")
                && lyon.contains("7 suspect scans") && !lyon.contains("We saw it too"), lyon);
        if (System.getProperty("screenshots") != null) {
            ((org.openqa.selenium.JavascriptExecutor) d).executeScript("document.getElementById(arguments[0]).scrollIntoView()",
                    "intel-" + id);
            dev.touchmark.testsupport.Screenshots.save(d, "dashboard-alliances");
        }
        // The alliance's monthly report, downloadable from the page with the session.
        String month = java.time.YearMonth.now(ZoneOffset.UTC).toString();
        String pdfHref = d.findElement(By.id("alliance-report-pdf-" + id + "-" + month)).getDomAttribute("href");
        assertEquals("/api/v1/alliances/" + id + "/reports/" + month + ".pdf", pdfHref);
        Object fetched = ((org.openqa.selenium.JavascriptExecutor) d).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status + ' '"
                        + " + r.headers.get('content-type')));", pdfHref);
        assertEquals("200 application/pdf", fetched);
        String page = d.findElement(By.tagName("body")).getText();
        assertFalse(page.contains(ANONYMOUS) || d.getPageSource().contains(ANONYMOUS), "an anonymous sharer is never named");

        // The map shows the page's located items, its tooltips in the table's words; the table is its text.
        assertEquals(50, mapPoints(d, id));
        assertTrue(tooltips(d, id).stream().anyMatch(t -> t.contains("around 52.2, 13.2")
                && t.contains("3 members: " + NAMED + ", 2 anonymous") && t.contains("We saw it too")), tooltips(d, id).toString());
        assertEquals("intel-" + id + "-mapnote", d.findElement(By.id("intel-" + id + "-map")).getDomAttribute("aria-describedby"));
        assertTrue(text(d, "intel-" + id + "-mapnote").contains("The table lists the same items"));
        Axe.Result axe = Axe.wcag(d);
        assertTrue(axe.violations().isEmpty(), "with the map: " + axe.violations());

        // Page 2 holds the rest: two older hotspots, the seller (as text, never a link) and the forgery wave.
        assertFalse(d.findElement(By.id("intel-" + id + "-previous")).isEnabled());
        click(d, "intel-" + id + "-next");
        ready(d, id);
        assertEquals("Items 51–" + total + " of " + total + ".", text(d, "intel-" + id + "-shown"));
        assertEquals("Page 2 of 2", text(d, "intel-" + id + "-page"));
        assertEquals(List.of("hotspots", "sellers", "forgery_waves"), classes(d, id));
        assertFalse(d.findElement(By.id("intel-" + id + "-next")).isEnabled());
        assertTrue(focused(d, "#intel-" + id + "-previous"), "no next page: the focus moves to Previous, "
                + PageChecks.focus(d));
        LocalDate waveDay = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        String week = waveDay.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", waveDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String wave = row(d, id, "forgery_waves", BERLIN + "@" + week).getText();
        assertTrue(wave.contains("around 52.2, 13.2, week " + waveDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " of "
                + waveDay.get(IsoFields.WEEK_BASED_YEAR)) && wave.contains("1 member: " + NAMED)
                && wave.contains("6 forged codes"), wave);
        WebElement seller = row(d, id, "sellers", SELLER);
        assertTrue(seller.getText().contains(SELLER) && seller.getText().contains("1 member: " + NAMED)
                && seller.getText().contains("3 shoppers"), seller.getText());
        assertTrue(ready(d, id).findElements(By.tagName("a")).isEmpty(), "counterfeit sites are never links");
        assertEquals(total - 50 - 1, mapPoints(d, id), "all but the seller are on the map");
        click(d, "intel-" + id + "-previous");
        ready(d, id);
        assertEquals(50, rows(d, id).size());
        assertTrue(focused(d, "#intel-" + id + "-next"), "the focus stays on a page button: " + PageChecks.focus(d));

        // One class at a time.
        chooseClass(d, id, "sellers");
        assertEquals(List.of("sellers"), classes(d, id));
        assertTrue(d.findElements(By.id("intel-" + id + "-map")).isEmpty(), "no located item, no map");
        chooseClass(d, id, "forgery_waves");
        assertEquals(List.of("forgery_waves"), classes(d, id));
        assertEquals(1, mapPoints(d, id));

        // Only what the brand saw too: of all classes, the Berlin hotspot alone.
        chooseClass(d, id, "");
        click(d, "intel-" + id + "-ours");
        ready(d, id);
        assertEquals(1, rows(d, id).size());
        assertEquals(BERLIN, rows(d, id).get(0).getDomAttribute("data-key"));
        assertEquals("Items 1–1 of 1.", text(d, "intel-" + id + "-shown"));
        assertEquals(1, mapPoints(d, id));
        chooseClass(d, id, "sellers");
        assertTrue(emptyText(d, id).contains("None of the items is one the brand saw itself too"), emptyText(d, id));

        // The quiet alliance: too few share hotspots for anonymous items, and nobody shares sellers.
        long q = quiet.id();
        ready(d, q);
        String why = emptyText(d, q);
        assertTrue(why.contains("Fewer than 3 members share hotspots, forgery waves")
                && why.contains("Nothing seen by sharing members in the last 30 days."), why);
        chooseClass(d, q, "sellers");
        assertTrue(emptyText(d, q).contains("nobody in this alliance shares suspect sellers yet"), emptyText(d, q));
        chooseClass(d, q, "forgery_waves");
        assertTrue(emptyText(d, q).contains("No forgery waves seen by sharing members in the last 30 days."),
                emptyText(d, q));

        ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0);");
        axe = Axe.wcag(d);
        assertTrue(axe.violations().isEmpty(), "filtered and empty: " + axe.violations());

        // In Chinese every text of the section is translated: no key shows instead of its text.
        new Select(visible(d, By.id("lang"))).selectByValue("zh-CN");
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#main h1"), "联盟"));
        String chinese = ready(d, id).getText() + ready(d, q).getText();
        assertTrue(chinese.contains("“Northern Watch Alliance”中的共享情报") && chinese.contains("次可疑扫描"), chinese);
        assertFalse(chinese.contains("ai_"), chinese);
    }

    /** The alliance's section once its items (or why there are none) are shown. */
    private static WebElement ready(WebDriver d, long id) {
        return visible(d, By.cssSelector("#intel-" + id + "[data-ready='true']"));
    }

    private static void chooseClass(WebDriver d, long id, String signalClass) {
        new Select(visible(d, By.id("intel-" + id + "-class"))).selectByValue(signalClass);
        ready(d, id);
    }

    private static List<WebElement> rows(WebDriver d, long id) {
        return d.findElements(By.cssSelector("#intel-" + id + "-table tbody tr"));
    }

    private static WebElement row(WebDriver d, long id, String signalClass, String key) {
        return d.findElement(By.cssSelector("#intel-" + id + "-table tr[data-class='" + signalClass + "'][data-key='"
                + key + "']"));
    }

    private static List<String> classes(WebDriver d, long id) {
        return rows(d, id).stream().map(r -> r.getDomAttribute("data-class")).distinct().toList();
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    private static String emptyText(WebDriver d, long id) {
        return visible(d, By.id("intel-" + id + "-empty")).getText();
    }

    /** The points of the alliance's ECharts map once drawn (with its canvas), or -1 when there is no chart. */
    private static int mapPoints(WebDriver d, long id) {
        visible(d, By.cssSelector("#intel-" + id + "-map[data-ready='true'] canvas"));
        Object points = ((JavascriptExecutor) d).executeScript("""
                const chart = window.echarts && echarts.getInstanceByDom(document.getElementById(arguments[0]));
                return chart ? chart.getOption().series.reduce((n, s) => n + s.data.length, 0) : -1;""",
                "intel-" + id + "-map");
        return ((Number) points).intValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> tooltips(WebDriver d, long id) {
        return (List<String>) ((JavascriptExecutor) d).executeScript("""
                const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                return chart.getOption().series.flatMap((s) => s.data.map((p) => p.name));""", "intel-" + id + "-map");
    }
}
