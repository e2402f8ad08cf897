package dev.touchmark.browser;

import static dev.touchmark.browser.BrowserHarness.click;
import static dev.touchmark.browser.BrowserHarness.type;
import static dev.touchmark.browser.BrowserHarness.visible;
import static dev.touchmark.browser.BrowserHarness.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.App;
import dev.touchmark.access.User;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.AllianceService;
import dev.touchmark.alliance.BrandAlliance;
import dev.touchmark.brand.BrandService;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The alliances page in headless Chromium: an admin accepts one invitation and declines another, sees the server's
 * reason when the operator withdrew a third meanwhile, and leaves an alliance only after confirming; a viewer sees
 * the same lists without a button. The alliances and invitations are the operator's, made through the services as
 * the CLI does. Under CI=true a missing browser fails the test; elsewhere it is skipped (see {@link BrowserHarness}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllianceBrowserIT {
    private static final String OPERATOR = "operator";
    private static final String ADMIN_PASSWORD = "an alliance admin password";
    private static final String VIEWER_EMAIL = "viewer@viewer-brand.example";
    private static final String VIEWER_PASSWORD = "an alliance viewer password";
    @AutoClose
    private BrowserHarness browser;
    private App app;
    private String base;

    /** A brand of its own for each test, so either runs first. */
    private record Staff(long brandId, String adminEmail) {
    }

    @BeforeAll
    void start() throws Exception {
        browser = BrowserHarness.start("alliances");
        app = browser.app();
        base = browser.base();
    }

    private Staff brand(String name, String domain) {
        BrandService.CreatedBrand brand = app.services().brands().create(name, "admin@" + domain);
        long brandId = brand.brand().id();
        User admin = app.services().users().list(brandId).get(0);
        app.services().users().setKnownPassword(brandId, admin.id(), ADMIN_PASSWORD);
        return new Staff(brandId, brand.adminEmail());
    }

    @Test
    @Timeout(120)
    void anAdminAcceptsDeclinesSeesARefusalAndLeavesAfterConfirming() throws Exception {
        Staff staff = brand("Alliance Brand", "alliance-brand.example");
        long brandId = staff.brandId();
        AllianceService alliances = app.services().alliances();
        Alliance northern = alliances.create("Northern Cosmetics Alliance", 5, OPERATOR);
        Alliance pharma = alliances.create("Pharma Guard", 3, OPERATOR);
        Alliance withdrawn = alliances.create("Withdrawn Circle", 4, OPERATOR);
        for (Alliance alliance : List.of(northern, pharma, withdrawn)) {
            alliances.invite(alliance.id(), brandId, OPERATOR);
        }

        WebDriver d = browser.chrome("alliance-admin", 1280, 900);
        signIn(d, staff.adminEmail(), ADMIN_PASSWORD);
        click(d, "nav-alliances");
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("invitation-list"), "Withdrawn Circle"));
        String invitations = d.findElement(By.id("invitation-list")).getText();
        assertTrue(invitations.contains("Northern Cosmetics Alliance") && invitations.contains("Pharma Guard"), invitations);
        assertTrue(invitations.contains("the installation’s operator"), invitations);
        assertTrue(d.findElement(By.id("alliance-list")).getText().contains("in no alliance yet"),
                d.findElement(By.id("alliance-list")).getText());

        // Accept: the alliance moves from the invitations to the alliances, with the brand counted.
        click(d, "alliance-accept-" + northern.id());
        assertTrue(result(d, "ok").contains("joined \"Northern Cosmetics Alliance\""));
        WebElement member = visible(d, By.cssSelector("#alliance-list tr[data-alliance='" + northern.id() + "']"));
        assertTrue(member.getText().contains("1 of 5"), member.getText());
        assertGone(d, "invitation", northern);
        assertTrue(focusedOn(d, "alliance-message"), "the result has the focus, the button that was clicked is gone");

        // Decline: the invitation goes, and the brand joins nothing.
        click(d, "alliance-decline-" + pharma.id());
        assertTrue(result(d, "ok").contains("\"Pharma Guard\" was declined"));
        assertGone(d, "invitation", pharma);
        assertTrue(d.findElements(By.cssSelector("#alliance-list tr[data-alliance='" + pharma.id() + "']")).isEmpty());

        // The operator withdraws an invitation while the page shows it: the 409's detail shows and the list refreshes.
        alliances.remove(withdrawn.id(), brandId, OPERATOR);
        click(d, "alliance-accept-" + withdrawn.id());
        assertTrue(result(d, "error").contains("the invitation was withdrawn by the operator"));
        assertGone(d, "invitation", withdrawn);
        assertTrue(d.findElement(By.id("invitation-list")).getText().contains("operator invites it"),
                "the empty state says how a brand joins");

        // Leave: nothing happens without the confirmation, which says what leaving means.
        click(d, "alliance-leave-" + northern.id());
        String question = waitFor(d).until(ExpectedConditions.alertIsPresent()).getText();
        assertTrue(question.contains("stops taking part") && question.contains("nothing it shares is shown"), question);
        d.switchTo().alert().dismiss();
        assertEquals(1, alliances.forBrand(brandId).alliances().size(), "still a member after cancelling");
        visible(d, By.cssSelector("#alliance-list tr[data-alliance='" + northern.id() + "']"));
        click(d, "alliance-leave-" + northern.id());
        waitFor(d).until(ExpectedConditions.alertIsPresent()).accept();
        assertTrue(result(d, "ok").contains("left \"Northern Cosmetics Alliance\""));
        assertGone(d, "alliance", northern);
        assertTrue(d.findElement(By.id("alliance-list")).getText().contains("in no alliance yet"));
        assertTrue(alliances.forBrand(brandId).alliances().isEmpty(), "the server holds no alliance or invitation");
    }

    @Test
    @Timeout(90)
    void aViewerSeesTheAlliancesAndInvitationsWithoutAButton() throws Exception {
        Staff staff = brand("Viewer Brand", "viewer-brand.example");
        long brandId = staff.brandId();
        User viewer = app.services().users().invite(brandId, VIEWER_EMAIL, "viewer").user();
        app.services().users().setKnownPassword(brandId, viewer.id(), VIEWER_PASSWORD);
        AllianceService alliances = app.services().alliances();
        Alliance joined = alliances.create("Viewer's Joined Alliance", 6, OPERATOR);
        Alliance open = alliances.create("Viewer's Open Invitation", 6, OPERATOR);
        alliances.invite(joined.id(), brandId, OPERATOR);
        alliances.invite(open.id(), brandId, OPERATOR);
        List<BrandAlliance> before = alliances.forBrand(brandId).alliances();
        WebDriver admin = browser.chrome("alliance-admin-accepts", 1280, 900);
        signIn(admin, staff.adminEmail(), ADMIN_PASSWORD);
        click(admin, "nav-alliances");
        click(admin, "alliance-accept-" + joined.id());
        visible(admin, By.cssSelector("#alliance-list tr[data-alliance='" + joined.id() + "']"));

        WebDriver d = browser.chrome("alliance-viewer", 1280, 900);
        signIn(d, VIEWER_EMAIL, VIEWER_PASSWORD);
        click(d, "nav-alliances");
        WebElement member = visible(d, By.cssSelector("#alliance-list tr[data-alliance='" + joined.id() + "']"));
        assertTrue(member.getText().contains("Viewer's Joined Alliance"), member.getText());
        WebElement invitation = visible(d, By.cssSelector("#invitation-list tr[data-invitation='" + open.id() + "']"));
        assertTrue(invitation.getText().contains("Viewer's Open Invitation"), invitation.getText());
        assertTrue(d.findElements(By.cssSelector("#main table button")).isEmpty(), "no Accept, Decline or Leave");
        assertTrue(visible(d, By.id("alliance-admin-only")).getText().contains("Only an admin"));
        assertEquals(before.size(), alliances.forBrand(brandId).alliances().size());
    }

    private void signIn(WebDriver d, String email, String password) {
        d.get(base + "/dashboard");
        type(d, "signin-email", email);
        type(d, "signin-password", password);
        click(d, "signin-submit");
        visible(d, By.id("signout"));
    }

    /** The text of the page's result once it shows as "ok" or "error". */
    private static String result(WebDriver d, String kind) {
        return visible(d, By.cssSelector("#alliance-message.message." + kind)).getText();
    }

    private static void assertGone(WebDriver d, String row, Alliance alliance) {
        String list = "invitation".equals(row) ? "#invitation-list" : "#alliance-list";
        waitFor(d).withMessage(alliance.name() + " leaves " + list).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector(list + " tr[data-" + row + "='" + alliance.id() + "']"), 0));
    }

    private static boolean focusedOn(WebDriver d, String id) {
        return id.equals(d.switchTo().activeElement().getAttribute("id"));
    }
}
