package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.access.Role;
import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Alliances as a brand's admin meets them through the API, with the operator acting through the service; H2 and PostgreSQL. */
abstract class AllianceContract extends AllianceServer {
    private BrandService.CreatedBrand brand() {
        return brand("Ally");
    }

    private Alliance alliance(int maxMembers) {
        return alliances().create("Alliance " + suffix(), maxMembers, OPERATOR);
    }

    private JsonNode listed(String apiKey, long allianceId) {
        Http.Response list = http.get("/api/v1/alliances", apiKey);
        assertEquals(200, list.status(), list.text());
        for (JsonNode item : list.json().get("alliances")) {
            if (item.get("id").asLong() == allianceId) {
                return item;
            }
        }
        return null;
    }

    private static void assertProblem(int status, Http.Response response, String inDetail) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        assertEquals(status, response.json().get("status").asInt(), response.text());
        assertTrue(response.json().get("detail").asText().contains(inDetail), response.text());
    }

    private List<String> events(long allianceId, long brandId) {
        return alliances().events(allianceId).stream().filter(e -> e.brandId() != null && e.brandId() == brandId)
                .map(e -> e.event() + " by " + e.actor()).toList();
    }

    @Test
    void anAdminSeesTheInvitationAcceptsItAndLeavesAndEveryStepIsRecorded() {
        BrandService.CreatedBrand brand = brand();
        Alliance alliance = alliance(5);
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);

        JsonNode invitation = listed(brand.apiKey(), alliance.id());
        assertEquals("invited", invitation.get("state").asText());
        assertEquals(alliance.name(), invitation.get("name").asText());
        assertEquals(0, invitation.get("members").asInt());

        Http.Response accepted = http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null);
        assertEquals(200, accepted.status(), accepted.text());
        assertEquals("member", accepted.json().get("state").asText());
        assertEquals(1, accepted.json().get("members").asInt());
        assertEquals("member", listed(brand.apiKey(), alliance.id()).get("state").asText());

        Http.Response left = http.post("/api/v1/alliances/" + alliance.id() + "/leave", brand.apiKey(), null);
        assertEquals(200, left.status(), left.text());
        assertEquals("left", left.json().get("state").asText());
        assertEquals(null, listed(brand.apiKey(), alliance.id()), "a left alliance is no longer listed");
        assertProblem(409, http.post("/api/v1/alliances/" + alliance.id() + "/leave", brand.apiKey(), null), "not a member");

        List<String> events = events(alliance.id(), brand.brand().id());
        assertEquals(3, events.size(), events.toString());
        assertEquals("invited by " + OPERATOR, events.get(0));
        assertTrue(events.get(1).startsWith("accepted by "), events.toString());
        assertTrue(events.get(2).startsWith("left by "), events.toString());
        assertEquals("created", alliances().events(alliance.id()).get(0).event());
    }

    @Test
    void aDeclinedInvitationCannotBeAcceptedUntilTheOperatorInvitesAgain() {
        BrandService.CreatedBrand brand = brand();
        Alliance alliance = alliance(5);
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        Http.Response declined = http.post("/api/v1/alliances/" + alliance.id() + "/decline", brand.apiKey(), null);
        assertEquals(200, declined.status(), declined.text());
        assertEquals("declined", declined.json().get("state").asText());
        assertProblem(409, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null), "no open invitation");
        assertEquals(0, alliances().get(alliance.id()).members());

        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null).status());
        assertEquals(1, alliances().get(alliance.id()).members());
    }

    @Test
    void aWithdrawnInvitationIsRefusedAndChangesNothing() {
        BrandService.CreatedBrand brand = brand();
        Alliance alliance = alliance(5);
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        alliances().remove(alliance.id(), brand.brand().id(), OPERATOR);
        assertProblem(409, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null), "withdrawn");
        assertEquals(List.of("invited by " + OPERATOR, "removed by " + OPERATOR), events(alliance.id(), brand.brand().id()));
        assertEquals(0, alliances().get(alliance.id()).members());
    }

    @Test
    void aViewerMayListButNotAccept() {
        BrandService.CreatedBrand brand = brand();
        String viewerKey = app.services().apiKeys().issue(brand.brand().id(), "viewer", Role.VIEWER).plaintext();
        Alliance alliance = alliance(5);
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals("invited", listed(viewerKey, alliance.id()).get("state").asText());
        for (String action : List.of("accept", "decline", "leave")) {
            Http.Response refused = http.post("/api/v1/alliances/" + alliance.id() + "/" + action, viewerKey, null);
            assertEquals(403, refused.status(), refused.text());
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
        }
        assertEquals(List.of("invited by " + OPERATOR), events(alliance.id(), brand.brand().id()));
    }

    @Test
    void anotherBrandCannotSeeOrAnswerSomeoneElsesInvitation() {
        BrandService.CreatedBrand invited = brand();
        BrandService.CreatedBrand other = brand();
        Alliance alliance = alliance(5);
        alliances().invite(alliance.id(), invited.brand().id(), OPERATOR);
        assertEquals(null, listed(other.apiKey(), alliance.id()));
        for (String action : List.of("accept", "decline", "leave")) {
            assertProblem(404, http.post("/api/v1/alliances/" + alliance.id() + "/" + action, other.apiKey(), null),
                    "has invited this brand");
        }
        assertProblem(404, http.post("/api/v1/alliances/999999999/accept", other.apiKey(), null), "has invited this brand");
        assertProblem(404, http.post("/api/v1/alliances/abc/accept", other.apiKey(), null), "no alliance");
        assertEquals("invited", listed(invited.apiKey(), alliance.id()).get("state").asText());
        assertEquals(List.of(), events(alliance.id(), other.brand().id()));
    }

    @Test
    void anExpiredInvitationIsRefusedWithAProblemAndChangesNothing() {
        BrandService.CreatedBrand brand = brand();
        Alliance alliance = alliance(5);
        Membership invitation = alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(invitation.invitedAt().plus(AllianceService.INVITATION_LIFETIME), invitation.expiresAt());
        clock.advance(AllianceService.INVITATION_LIFETIME.plus(Duration.ofMinutes(1)));

        assertEquals(null, listed(brand.apiKey(), alliance.id()), "an expired invitation is no longer open");
        assertProblem(409, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null), "expired");
        assertProblem(409, http.post("/api/v1/alliances/" + alliance.id() + "/decline", brand.apiKey(), null), "expired");
        assertEquals(0, alliances().get(alliance.id()).members());
        assertEquals(List.of("invited by " + OPERATOR), events(alliance.id(), brand.brand().id()));
        assertEquals(MemberState.EXPIRED, alliances().members(alliance.id()).get(0).state());

        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null).status());
    }

    @Test
    void theMemberLimitHoldsWhenMoreBrandsAcceptAtOnceThanThereIsRoom() throws Exception {
        int max = 3;
        Alliance alliance = alliance(max);
        List<BrandService.CreatedBrand> brands = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BrandService.CreatedBrand brand = brand();
            alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
            brands.add(brand);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(brands.size());
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (BrandService.CreatedBrand brand : brands) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null);
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                if (response.status() == 200) {
                    accepted++;
                } else {
                    assertProblem(409, response, "is full");
                }
            }
            assertEquals(max, accepted);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(max, alliances().get(alliance.id()).members());
        assertEquals(max, alliances().members(alliance.id()).stream().filter(m -> m.state() == MemberState.MEMBER).count());
        assertEquals(max, alliances().events(alliance.id()).stream().filter(e -> e.event().equals("accepted")).count());
    }
}
