package dev.touchmark.access;

import static dev.touchmark.testsupport.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchmark.App;
import dev.touchmark.brand.BrandService;
import dev.touchmark.code.Base32;
import dev.touchmark.config.TouchmarkConfig;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two-factor sign-in as a browser and an admin meet it: enrolment, the second step, replayed and used codes,
 * lockout, the brand's requirement, an admin's reset, and another brand kept out; H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoFactorContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient client = HttpClient.newHttpClient();
    private final Totp totp = new Totp(Clock.systemUTC());
    private App app;

    protected abstract TouchmarkConfig config() throws Exception;

    /** Each test signs in from its own network: together they sign in more often than the per-network limit allows. */
    private int network;

    @BeforeAll
    void start() throws Exception {
        TouchmarkConfig config = config();
        app = App.start(config.withScans(config.scans().withClientIpHeader("X-Real-IP", 1)), Clock.systemUTC());
    }

    @BeforeEach
    void newNetwork() {
        network++;
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Browser(String cookie, String csrf) {
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String detail() {
            return body == null || body.get("detail") == null ? "" : body.get("detail").asText();
        }
    }

    /** A user who signed in, with their email and (once enrolled) TOTP secret. */
    record Account(String email, Browser browser, byte[] secret, List<String> recoveryCodes) {
    }

    private Answer call(String method, String path, Browser browser, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Real-IP", "10." + network + ".0.1");
        if (browser != null) {
            request.header("Cookie", browser.cookie()).header("X-CSRF-Token", browser.csrf());
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response);
    }

    private static Browser browser(Answer answer) {
        assertEquals(200, answer.status(), answer.raw().body());
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), answer.body().get("csrfToken").asText());
    }

    private Answer password(String email, String password) throws Exception {
        return call("POST", "/api/v1/session", null, json("email", email, "password", password));
    }

    private String challenge(String email) throws Exception {
        Answer answer = password(email, PASSWORD);
        assertEquals(202, answer.status(), answer.raw().body());
        assertTrue(answer.raw().headers().firstValue("Set-Cookie").isEmpty(), "a right password alone opens no session");
        assertEquals("totp", answer.body().get("secondFactor").asText());
        return answer.body().get("challenge").asText();
    }

    private Answer second(String challenge, String field, String code) throws Exception {
        return call("POST", "/api/v1/session/second-factor", null, json("challenge", challenge, field, code));
    }

    private String code(byte[] secret, long step) {
        return totp.code(secret, step);
    }

    private BrandService.CreatedBrand brand() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return app.services().brands().create("Two-factor " + suffix, "admin-" + suffix + "@brand.example");
    }

    /** The brand's admin, signed in with a password of their own. */
    private Account admin(BrandService.CreatedBrand brand) throws Exception {
        Browser first = browser(password(brand.adminEmail(), brand.adminPassword()));
        assertEquals(204, call("POST", "/api/v1/session/password", first,
                json("currentPassword", brand.adminPassword(), "newPassword", PASSWORD)).status());
        return new Account(brand.adminEmail(), first, null, List.of());
    }

    /** Enrols a signed-in user: starts, is refused a wrong code, confirms with the current one. */
    private Account enrol(Account account) throws Exception {
        Answer started = call("POST", "/api/v1/session/two-factor", account.browser(), null);
        assertEquals(201, started.status(), started.raw().body());
        assertEquals("no-store", started.raw().headers().firstValue("Cache-Control").orElseThrow());
        String secret = started.body().get("secret").asText();
        byte[] bytes = Base32.decode(secret);
        assertEquals(20, bytes.length, "a 160-bit secret");
        String uri = started.body().get("otpauthUri").asText();
        assertTrue(uri.startsWith("otpauth://totp/Touchmark:") && uri.contains("secret=" + secret)
                && uri.contains("issuer=Touchmark") && uri.contains("digits=6") && uri.contains("period=30"), uri);
        assertTrue(started.body().get("qrSvg").asText().startsWith("<svg"));
        Answer wrong = call("POST", "/api/v1/session/two-factor/confirm", account.browser(),
                json("code", code(bytes, totp.currentStep() + 5)));
        assertEquals(400, wrong.status(), wrong.raw().body());
        assertTrue(wrong.raw().headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        Answer confirmed = call("POST", "/api/v1/session/two-factor/confirm", account.browser(),
                json("code", code(bytes, totp.currentStep())));
        assertEquals(200, confirmed.status(), confirmed.raw().body());
        List<String> codes = new ArrayList<>();
        confirmed.body().get("recoveryCodes").forEach(c -> codes.add(c.asText()));
        assertEquals(10, codes.size());
        return new Account(account.email(), account.browser(), bytes, codes);
    }

    @Test
    void aUserEnrolsAndThenSignsInWithPasswordAndCodeAndNoCodeWorksTwice() throws Exception {
        Account admin = enrol(admin(brand()));
        JsonNode status = call("GET", "/api/v1/session/two-factor", admin.browser(), null).body();
        assertTrue(status.get("enabled").asBoolean());
        assertEquals(10, status.get("recoveryCodesLeft").asInt());
        assertEquals(409, call("POST", "/api/v1/session/two-factor", admin.browser(), null).status(), "already on");

        long step = totp.currentStep();
        String challenge = challenge(admin.email());
        Answer replayOfConfirm = second(challenge, "code", code(admin.secret(), step));
        assertEquals(401, replayOfConfirm.status(), "the code that confirmed enrolment was used up");
        assertTrue(replayOfConfirm.raw().headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        String next = code(admin.secret(), step + 1);
        Browser signedIn = browser(second(challenge, "code", next));
        assertEquals(200, call("GET", "/api/v1/products", signedIn, null).status());
        assertTrue(call("GET", "/api/v1/session", signedIn, null).body().get("user").get("twoFactorEnabled").asBoolean());
        assertEquals(401, second(challenge, "code", next).status(), "a challenge opens one session");
        assertEquals(401, second(challenge(admin.email()), "code", next).status(), "a replayed code is refused");
    }

    @Test
    void aRecoveryCodeSignsInOnceAndMalformedOrUnknownAnswersAreProblems() throws Exception {
        Account admin = enrol(admin(brand()));
        String recovery = admin.recoveryCodes().get(3);
        browser(second(challenge(admin.email()), "recoveryCode", recovery.toUpperCase().replace("-", "")));
        String challenge = challenge(admin.email());
        assertEquals(401, second(challenge, "recoveryCode", recovery).status(), "a recovery code is used once");
        assertEquals(400, second(challenge, "code", "12ab56").status());
        assertEquals(400, call("POST", "/api/v1/session/second-factor", null, json("challenge", challenge)).status());
        assertEquals(401, second("x".repeat(43), "code", "123456").status(), "an unknown challenge");
        assertEquals(9, call("GET", "/api/v1/session/two-factor", admin.browser(), null).body().get("recoveryCodesLeft").asInt());
    }

    /** The same code sent with two pending sign-ins at once: the conditional update lets exactly one through. */
    @Test
    void theSameCodeSentTwiceAtOnceOpensOneSession() throws Exception {
        Account admin = enrol(admin(brand()));
        String first = challenge(admin.email());
        String second = challenge(admin.email());
        String code = code(admin.secret(), totp.currentStep() + 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String challenge : List.of(first, second)) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return second(challenge, "code", code).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(1, TimeUnit.MINUTES));
            }
            statuses.sort(null);
            assertEquals(List.of(200, 401), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongCodesCountTowardsTheAccountLockLikeWrongPasswords() throws Exception {
        Account admin = enrol(admin(brand()));
        String challenge = challenge(admin.email());
        String wrong = code(admin.secret(), totp.currentStep() + 7);
        // The right password counted once; four wrong codes bring the account to the lock.
        for (int i = 2; i < SessionService.FREE_FAILURES; i++) {
            assertEquals(401, second(challenge, "code", wrong).status());
        }
        Answer locked = second(challenge, "code", wrong);
        assertEquals(429, locked.status(), locked.raw().body());
        assertTrue(locked.raw().headers().firstValue("Retry-After").isPresent());
        assertEquals(429, password(admin.email(), PASSWORD).status(), "the password step is locked too");
    }

    @Test
    void newRecoveryCodesNeedACurrentAppCodeAndReplaceAllTheOldOnes() throws Exception {
        Account admin = enrol(admin(brand()));
        Answer withRecovery = call("POST", "/api/v1/session/two-factor/recovery-codes", admin.browser(),
                json("code", admin.recoveryCodes().get(0)));
        assertEquals(400, withRecovery.status(), "a recovery code cannot renew them: only the phone can");
        Answer renewed = call("POST", "/api/v1/session/two-factor/recovery-codes", admin.browser(),
                json("code", code(admin.secret(), totp.currentStep() + 1)));
        assertEquals(200, renewed.status(), renewed.raw().body());
        assertEquals("no-store", renewed.raw().headers().firstValue("Cache-Control").orElse(""));
        List<String> fresh = new ArrayList<>();
        renewed.body().get("recoveryCodes").forEach(c -> fresh.add(c.asText()));
        assertEquals(10, fresh.size());
        assertTrue(java.util.Collections.disjoint(fresh, admin.recoveryCodes()));
        assertEquals(10, call("GET", "/api/v1/session/two-factor", admin.browser(), null).body().get("recoveryCodesLeft").asInt());
        assertEquals(401, second(challenge(admin.email()), "recoveryCode", admin.recoveryCodes().get(1)).status(),
                "the old codes are gone, used or not");
        browser(second(challenge(admin.email()), "recoveryCode", fresh.get(0)));
        assertEquals(9, call("GET", "/api/v1/session/two-factor", admin.browser(), null).body().get("recoveryCodesLeft").asInt());
    }

    @Test
    void turningItOffNeedsThePasswordAndACode() throws Exception {
        Account admin = enrol(admin(brand()));
        String code = code(admin.secret(), totp.currentStep() + 1);
        Answer wrongPassword = call("POST", "/api/v1/session/two-factor/disable", admin.browser(),
                json("password", "not the password", "code", code));
        assertEquals(400, wrongPassword.status());
        assertEquals(400, call("POST", "/api/v1/session/two-factor/disable", admin.browser(),
                json("password", PASSWORD, "code", code(admin.secret(), totp.currentStep() + 6))).status());
        assertEquals(204, call("POST", "/api/v1/session/two-factor/disable", admin.browser(),
                json("password", PASSWORD, "code", code)).status());
        assertFalse(call("GET", "/api/v1/session/two-factor", admin.browser(), null).body().get("enabled").asBoolean());
        assertEquals(200, password(admin.email(), PASSWORD).status(), "the password alone signs in again");
    }

    @Test
    void aBrandThatRequiresItMakesEveryUserEnrolFirstButLeavesApiKeysAlone() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Account admin = admin(brand);
        JsonNode invited = call("POST", "/api/v1/users", admin.browser(),
                json("email", "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@brand.example", "role", "operator")).body();
        assertFalse(call("GET", "/api/v1/users/two-factor", admin.browser(), null).body().get("required").asBoolean());
        assertEquals(400, call("PUT", "/api/v1/users/two-factor", admin.browser(), json("required", "maybe")).status());
        Answer required = call("PUT", "/api/v1/users/two-factor", admin.browser(), json("required", true));
        assertEquals(200, required.status(), required.raw().body());
        assertEquals("user:" + admin.email(), required.body().get("changedBy").asText());

        Answer adminBlocked = call("GET", "/api/v1/users", admin.browser(), null);
        assertEquals(403, adminBlocked.status(), "the admin who required it enrols too");
        assertTrue(adminBlocked.detail().contains("two-factor"), adminBlocked.detail());
        assertEquals(200, apiKeyStatus(brand.apiKey()), "API keys are unaffected");

        String email = invited.get("user").get("email").asText();
        Browser staff = browser(password(email, invited.get("temporaryPassword").asText()));
        assertEquals(204, call("POST", "/api/v1/session/password", staff,
                json("currentPassword", invited.get("temporaryPassword").asText(), "newPassword", PASSWORD)).status());
        assertEquals(403, call("GET", "/api/v1/products", staff, null).status());
        assertTrue(call("GET", "/api/v1/session", staff, null).body().get("mustEnrolTwoFactor").asBoolean());
        Account enrolled = enrol(new Account(email, staff, null, List.of()));
        assertEquals(200, call("GET", "/api/v1/products", staff, null).status());
        assertFalse(call("GET", "/api/v1/session", staff, null).body().get("mustEnrolTwoFactor").asBoolean());
        Answer cannotTurnOff = call("POST", "/api/v1/session/two-factor/disable", staff,
                json("password", PASSWORD, "code", code(enrolled.secret(), totp.currentStep() + 1)));
        assertEquals(409, cannotTurnOff.status(), "required by the brand");
    }

    private int apiKeyStatus(String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/products"))
                .header("Authorization", "Bearer " + key).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anAdminResetsALostPhoneAndAnotherBrandsAdminCannot() throws Exception {
        BrandService.CreatedBrand brand = brand();
        Account admin = admin(brand);
        JsonNode invited = call("POST", "/api/v1/users", admin.browser(),
                json("email", "phone-" + UUID.randomUUID().toString().substring(0, 8) + "@brand.example", "role", "viewer")).body();
        String email = invited.get("user").get("email").asText();
        String userId = invited.get("user").get("id").asText();
        Browser staff = browser(password(email, invited.get("temporaryPassword").asText()));
        assertEquals(204, call("POST", "/api/v1/session/password", staff,
                json("currentPassword", invited.get("temporaryPassword").asText(), "newPassword", PASSWORD)).status());
        enrol(new Account(email, staff, null, List.of()));
        JsonNode listed = call("GET", "/api/v1/users", admin.browser(), null).body();
        assertTrue(find(listed, userId).get("twoFactorEnabled").asBoolean());

        Account otherAdmin = admin(brand());
        assertEquals(404, call("DELETE", "/api/v1/users/" + userId + "/two-factor", otherAdmin.browser(), null).status());
        assertEquals(202, password(email, PASSWORD).status(), "still two-factor after the other brand's attempt");
        assertEquals(403, call("DELETE", "/api/v1/users/" + userId + "/two-factor", staff, null).status(), "viewers cannot");

        assertEquals(204, call("DELETE", "/api/v1/users/" + userId + "/two-factor", admin.browser(), null).status());
        assertFalse(find(call("GET", "/api/v1/users", admin.browser(), null).body(), userId).get("twoFactorEnabled").asBoolean());
        assertEquals(200, password(email, PASSWORD).status(), "after the reset the password signs in, to enrol again");
        assertEquals(404, call("DELETE", "/api/v1/users/999999/two-factor", admin.browser(), null).status());
    }

    private static JsonNode find(JsonNode users, String id) {
        for (JsonNode user : users) {
            if (user.get("id").asText().equals(id)) {
                return user;
            }
        }
        throw new AssertionError("no user " + id + " in " + users);
    }
}
