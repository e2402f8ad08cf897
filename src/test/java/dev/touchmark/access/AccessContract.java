package dev.touchmark.access;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Signing in, sessions, CSRF, lockout and roles, as a browser and an integrator meet them; H2 and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "correct horse battery staple";
    protected App app;
    private final HttpClient client = HttpClient.newHttpClient();

    protected abstract TouchmarkConfig config() throws Exception;

    @BeforeAll
    void start() throws Exception {
        app = App.start(config(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** What a browser keeps: the session cookie and the CSRF token. */
    record Browser(String cookie, String csrf, JsonNode session) {
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer call(String method, String path, Browser browser, String body, boolean withCsrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (browser != null) {
            request.header("Cookie", browser.cookie());
            if (withCsrf && browser.csrf() != null) {
                request.header("X-CSRF-Token", browser.csrf());
            }
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), node, response);
    }

    Answer call(String method, String path, Browser browser, String body) throws Exception {
        return call(method, path, browser, body, true);
    }

    Answer signInRaw(String email, String password) throws Exception {
        return call("POST", "/api/v1/session", null, json("email", email, "password", password));
    }

    Browser signIn(String email, String password) throws Exception {
        Answer answer = signInRaw(email, password);
        assertEquals(200, answer.status(), answer.raw().body());
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), answer.body().get("csrfToken").asText(), answer.body());
    }

    /** A new brand whose admin has changed the temporary password and is signed in. */
    Browser admin(BrandService.CreatedBrand brand) throws Exception {
        Browser first = signIn(brand.adminEmail(), brand.adminPassword());
        assertTrue(first.session().get("user").get("mustChangePassword").asBoolean());
        assertEquals(204, call("POST", "/api/v1/session/password", first,
                json("currentPassword", brand.adminPassword(), "newPassword", NEW_PASSWORD)).status());
        return first;
    }

    BrandService.CreatedBrand brand() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return app.services().brands().create("Access " + suffix, "admin-" + suffix + "@brand.example");
    }

    @Test
    void signingInSetsAHostOnlySecureHttpOnlyStrictCookie() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Answer answer = signInRaw(brand.adminEmail().toUpperCase(), brand.adminPassword());
        assertEquals(200, answer.status(), answer.raw().body());
        String cookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("__Host-tm_session="), cookie);
        for (String attribute : new String[] {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"}) {
            assertTrue(cookie.contains(attribute), cookie + " lacks " + attribute);
        }
        assertFalse(cookie.contains("Domain"), cookie);
        assertEquals("admin", answer.body().get("role").asText());
        assertNotNull(answer.body().get("csrfToken").asText());
    }

    @Test
    void aTemporaryPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Browser browser = signIn(brand.adminEmail(), brand.adminPassword());
        Answer blocked = call("GET", "/api/v1/products", browser, null);
        assertEquals(403, blocked.status());
        assertTrue(blocked.body().get("detail").asText().contains("password"));
        assertEquals(400, call("POST", "/api/v1/session/password", browser,
                json("currentPassword", brand.adminPassword(), "newPassword", "short")).status());
        assertEquals(400, call("POST", "/api/v1/session/password", browser,
                json("currentPassword", "wrong", "newPassword", NEW_PASSWORD)).status());
        assertEquals(204, call("POST", "/api/v1/session/password", browser,
                json("currentPassword", brand.adminPassword(), "newPassword", NEW_PASSWORD)).status());
        assertEquals(200, call("GET", "/api/v1/products", browser, null).status());
        assertEquals(401, signInRaw(brand.adminEmail(), brand.adminPassword()).status(), "the old password is gone");
        assertEquals(200, signInRaw(brand.adminEmail(), NEW_PASSWORD).status());
    }

    @Test
    void changesWithoutTheCsrfTokenAreRefusedAndNothingChanges() throws Exception {
        Browser admin = admin(brand());
        Answer forged = call("POST", "/api/v1/products", admin, json("name", "Forged", "markets", java.util.List.of("FR")), false);
        assertEquals(403, forged.status());
        assertTrue(forged.body().get("detail").asText().contains("X-CSRF-Token"));
        Browser wrongToken = new Browser(admin.cookie(), "x".repeat(43), admin.session());
        assertEquals(403, call("POST", "/api/v1/products", wrongToken, json("name", "Forged", "markets", java.util.List.of("FR"))).status());
        assertEquals(0, call("GET", "/api/v1/products", admin, null).body().get("items").size());
        assertEquals(201, call("POST", "/api/v1/products", admin, json("name", "Real", "markets", java.util.List.of("FR"))).status());
    }

    @Test
    void wrongPasswordsLockTheAccountWithBackOffAndSayNothingAboutWhichPartWasWrong() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Answer unknown = signInRaw("nobody-" + UUID.randomUUID() + "@brand.example", "whatever");
        Answer wrong = signInRaw(brand.adminEmail(), "wrong password");
        assertEquals(401, unknown.status());
        assertEquals(401, wrong.status());
        assertEquals(unknown.body().get("detail").asText(), wrong.body().get("detail").asText());
        for (int i = 2; i < SessionService.FREE_FAILURES; i++) {
            assertEquals(401, signInRaw(brand.adminEmail(), "wrong password").status());
        }
        Answer locked = signInRaw(brand.adminEmail(), "wrong password");
        assertEquals(429, locked.status());
        assertEquals("30", locked.raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, signInRaw(brand.adminEmail(), brand.adminPassword()).status(), "locked even with the right password");
    }

    /**
     * Issue 20: concurrent wrong passwords each read the count and wrote it back, so most were lost and the right
     * password then signed in. Called on the service, as the sign-in rate limit would otherwise answer first.
     */
    @Test
    void concurrentWrongPasswordsLockTheAccountAndAtMostTheFreeFailuresAreEverTried() throws Exception {
        BrandService.CreatedBrand brand = brand();
        SessionService sessions = app.services().sessions();
        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                String guess = "wrong password " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    SessionService.SignInRefused refused = assertThrows(SessionService.SignInRefused.class,
                            () -> sessions.signIn(brand.adminEmail(), guess));
                    return refused.lockedForSeconds();
                }));
            }
            start.countDown();
            int triedAndWrong = 0;
            for (Future<Long> answer : answers) {
                triedAndWrong += answer.get(2, TimeUnit.MINUTES) == 0 ? 1 : 0;
            }
            assertTrue(triedAndWrong < SessionService.FREE_FAILURES,
                    triedAndWrong + " of " + attempts + " concurrent guesses were answered 'wrong' rather than 'locked'");
        } finally {
            pool.shutdownNow();
        }
        SessionService.SignInRefused locked = assertThrows(SessionService.SignInRefused.class,
                () -> sessions.signIn(brand.adminEmail(), brand.adminPassword()), "the right password must not open a locked account");
        assertTrue(locked.lockedForSeconds() > 0, locked.getMessage());
    }

    Answer signInWith(String contentType, String... headers) throws Exception {
        BrandService.CreatedBrand brand = brand();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/session"))
                .POST(HttpRequest.BodyPublishers.ofString(json("email", brand.adminEmail(), "password", brand.adminPassword())))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response);
    }

    /** Issue 20: a cross-site text/plain form signed a browser in to the attacker's brand (login CSRF). */
    @Test
    void anotherSiteCannotSignABrowserIn() throws Exception {
        Answer form = signInWith("text/plain");
        assertEquals(415, form.status(), form.raw().body());
        assertEquals("application/problem+json", form.raw().headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(form.raw().headers().firstValue("Set-Cookie").isEmpty(), "no session for a form post");
        Answer crossSite = signInWith("application/json", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.status(), crossSite.raw().body());
        assertTrue(crossSite.raw().headers().firstValue("Set-Cookie").isEmpty());
        Answer otherOrigin = signInWith("application/json", "Origin", "https://attacker.example");
        assertEquals(403, otherOrigin.status(), otherOrigin.raw().body());
        assertEquals(403, signInWith("application/json", "Origin", "null").status(), "a sandboxed or file page");
        Answer ownPage = signInWith("application/json; charset=utf-8", "Origin", TestDatabases.PUBLIC_URL,
                "Sec-Fetch-Site", "same-origin");
        assertEquals(200, ownPage.status(), "the dashboard itself still signs in: " + ownPage.raw().body());
    }

    /** Issue 20: HSTS on an https installation; brand data is never cached, the public JWKS and assets keep theirs. */
    @Test
    void answersCarryHstsAndBrandDataIsNeverCached() throws Exception {
        Browser admin = admin(brand());
        for (String path : new String[] {"/api/v1/products", "/api/v1/session", "/api/v1/users", "/api/v1/alerts"}) {
            HttpResponse<String> answer = call("GET", path, admin, null).raw();
            assertEquals(200, answer.statusCode(), path);
            assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""), path);
            assertEquals("max-age=31536000", answer.headers().firstValue("Strict-Transport-Security").orElse(""), path);
        }
        assertEquals("no-store", call("GET", "/api/v1/products", null, null).raw().headers().firstValue("Cache-Control")
                .orElse(""), "refusals too");
        HttpResponse<String> jwks = call("GET", "/.well-known/jwks.json", null, null).raw();
        assertEquals("public, max-age=300", jwks.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("max-age=31536000", jwks.headers().firstValue("Strict-Transport-Security").orElse(""));
        HttpResponse<String> asset = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(asset.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
        assertEquals("max-age=31536000", asset.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    /**
     * Issue 20: inviting an address that another brand uses answered 409 "already exists", which told one brand
     * about another's staff and let it block their invitation. Both brands now invite it; the password picks the brand.
     */
    @Test
    void anAddressAnotherBrandUsesCanBeInvitedAndNothingGivesItAway() throws Exception {
        BrandService.CreatedBrand first = brand();
        BrandService.CreatedBrand second = brand();
        Browser firstAdmin = admin(first);
        Browser secondAdmin = admin(second);
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
        Answer fresh = call("POST", "/api/v1/users", secondAdmin, json("email", "fresh-" + shared, "role", "viewer"));
        Answer inFirst = call("POST", "/api/v1/users", firstAdmin, json("email", shared, "role", "viewer"));
        Answer inSecond = call("POST", "/api/v1/users", secondAdmin, json("email", shared, "role", "operator"));
        assertEquals(201, fresh.status(), fresh.raw().body());
        assertEquals(201, inFirst.status(), inFirst.raw().body());
        assertEquals(201, inSecond.status(), "the other brand's user must not block this one: " + inSecond.raw().body());
        assertEquals(fieldNames(fresh.body()), fieldNames(inSecond.body()), "the answer is the same whether or not it exists elsewhere");
        assertEquals(409, call("POST", "/api/v1/users", secondAdmin, json("email", shared, "role", "viewer")).status(),
                "twice in the same brand is still a conflict");

        Answer intoSecond = signInRaw(shared, inSecond.body().get("temporaryPassword").asText());
        assertEquals(200, intoSecond.status(), intoSecond.raw().body());
        assertEquals(Long.toString(second.brand().id()), intoSecond.body().get("brandId").asText());
        assertEquals("operator", intoSecond.body().get("role").asText());
        Answer intoFirst = signInRaw(shared, inFirst.body().get("temporaryPassword").asText());
        assertEquals(200, intoFirst.status(), intoFirst.raw().body());
        assertEquals(Long.toString(first.brand().id()), intoFirst.body().get("brandId").asText());
        assertEquals(2, call("GET", "/api/v1/users", firstAdmin, null).body().size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        node.get("user").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        Browser admin = admin(brand());
        assertEquals(204, call("DELETE", "/api/v1/session", admin, null).status());
        assertEquals(401, call("GET", "/api/v1/session", admin, null).status());
        assertEquals(401, call("GET", "/api/v1/alerts", new Browser("__Host-tm_session=" + "A".repeat(43), null, null), null).status());
    }

    @Test
    void rolesAreEnforcedOnTheServerForEveryKindOfAction() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Browser admin = admin(brand);
        Answer invitedViewer = call("POST", "/api/v1/users", admin, json("email", "viewer-" + brand.brand().id() + "@brand.example",
                "role", "viewer"));
        assertEquals(201, invitedViewer.status(), invitedViewer.raw().body());
        Answer invitedOperator = call("POST", "/api/v1/users", admin, json("email", "op-" + brand.brand().id() + "@brand.example",
                "role", "operator"));
        Browser viewer = changed(invitedViewer);
        Browser operator = changed(invitedOperator);

        String product = json("name", "Serum", "markets", java.util.List.of("FR"));
        assertEquals(200, call("GET", "/api/v1/products", viewer, null).status());
        assertEquals(403, call("POST", "/api/v1/products", viewer, product).status());
        Answer made = call("POST", "/api/v1/products", operator, product);
        assertEquals(201, made.status());
        assertEquals(403, call("POST", "/api/v1/keys/rotate", operator, null).status());
        assertEquals(403, call("PUT", "/api/v1/rules", operator, json("cloneDevices", 3)).status());
        assertEquals(403, call("GET", "/api/v1/users", operator, null).status());
        assertEquals(403, call("POST", "/api/v1/api-keys", operator, json("name", "x")).status());
        assertEquals(200, call("PUT", "/api/v1/rules", admin, json("cloneDevices", 3)).status());
        assertEquals(3, call("GET", "/api/v1/users", admin, null).body().size());

        String viewerId = invitedViewer.body().get("user").get("id").asText();
        assertEquals(200, call("PATCH", "/api/v1/users/" + viewerId, admin, json("role", "operator")).status());
        assertEquals(201, call("POST", "/api/v1/products", viewer, product).status(), "the new role applies at once");
        String adminId = admin.session().get("user").get("id").asText();
        assertEquals(409, call("PATCH", "/api/v1/users/" + adminId, admin, json("role", "viewer")).status(), "the last admin stays");
        assertEquals(204, call("DELETE", "/api/v1/users/" + viewerId, admin, null).status());
        assertEquals(401, call("GET", "/api/v1/products", viewer, null).status(), "a removed user's session ends");
    }

    private Browser changed(Answer invited) throws Exception {
        String email = invited.body().get("user").get("email").asText();
        String temporary = invited.body().get("temporaryPassword").asText();
        Browser browser = signIn(email, temporary);
        assertEquals(204, call("POST", "/api/v1/session/password", browser,
                json("currentPassword", temporary, "newPassword", NEW_PASSWORD)).status());
        return browser;
    }

    @Test
    void apiKeysCarryARoleAndAnotherBrandsUsersAndKeysAreOutOfReach() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Browser admin = admin(brand);
        Answer created = call("POST", "/api/v1/api-keys", admin, json("name", "ERP", "role", "viewer"));
        assertEquals(201, created.status(), created.raw().body());
        String key = created.body().get("key").asText();
        HttpResponse<String> withKey = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/api/v1/products")).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("name", "x", "markets", java.util.List.of("FR")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, withKey.statusCode(), "a viewer key cannot create");
        JsonNode listed = call("GET", "/api/v1/api-keys", admin, null).body();
        assertTrue(listed.toString().contains("ERP"));
        assertFalse(listed.toString().contains(key.substring(key.lastIndexOf('_') + 1)), "secrets are never listed");

        BrandService.CreatedBrand other = brand();
        Browser otherAdmin = admin(other);
        String keyId = created.body().get("id").asText();
        assertEquals(404, call("DELETE", "/api/v1/api-keys/" + keyId, otherAdmin, null).status());
        String userId = admin.session().get("user").get("id").asText();
        assertEquals(404, call("PATCH", "/api/v1/users/" + userId, otherAdmin, json("role", "viewer")).status());
        assertEquals(404, call("DELETE", "/api/v1/users/" + userId, otherAdmin, null).status());
        assertEquals(1, call("GET", "/api/v1/users", otherAdmin, null).body().size());
        assertEquals(204, call("DELETE", "/api/v1/api-keys/" + keyId, admin, null).status());
    }
}
