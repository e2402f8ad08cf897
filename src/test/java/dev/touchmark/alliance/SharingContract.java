package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchmark.access.Role;
import dev.touchmark.brand.BrandService;
import dev.touchmark.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Members' sharing settings through the API, with the operator acting through the service; H2 and PostgreSQL. */
abstract class SharingContract extends AllianceServer {
    private SharingService sharing() {
        return app.services().sharing();
    }

    private BrandService.CreatedBrand brand() {
        return brand("Sharer");
    }

    private Alliance alliance() {
        return alliances().create("Sharing alliance " + suffix(), 10, OPERATOR);
    }

    private BrandService.CreatedBrand member(Alliance alliance) {
        BrandService.CreatedBrand brand = brand();
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null).status());
        return brand;
    }

    private static String path(Alliance alliance) {
        return "/api/v1/alliances/" + alliance.id() + "/sharing";
    }

    private JsonNode read(Alliance alliance, String apiKey) {
        Http.Response response = http.get(path(alliance), apiKey);
        assertEquals(200, response.status(), response.text());
        return response.json();
    }

    private Http.Response put(Alliance alliance, String apiKey, String body) {
        return http.send("PUT", path(alliance), apiKey, body);
    }

    private static String level(JsonNode settings, SignalClass signalClass) {
        return settings.get("classes").get(signalClass.id()).get("level").asText();
    }

    private static int count(JsonNode settings, SignalClass signalClass) {
        return settings.get("classes").get(signalClass.id()).get("sharingMembers").asInt();
    }

    private static void assertProblem(int status, Http.Response response, String inBody) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        assertTrue(response.text().contains(inBody), response.text());
    }

    private List<String> sharingEvents(Alliance alliance, long brandId) {
        return alliances().events(alliance.id()).stream()
                .filter(e -> e.event().equals(SharingService.EVENT) && e.brandId() != null && e.brandId() == brandId)
                .map(AllianceEvent::detail).toList();
    }

    @Test
    void aNewMemberSharesNothingUntilItsAdminSaysSo() {
        Alliance alliance = alliance();
        BrandService.CreatedBrand brand = member(alliance);
        JsonNode settings = read(alliance, brand.apiKey());
        assertEquals(SharingService.ANONYMITY_FLOOR, settings.get("anonymityFloor").asInt());
        for (SignalClass signalClass : SignalClass.values()) {
            assertEquals(SharingLevel.NONE.id(), level(settings, signalClass));
            assertEquals(0, count(settings, signalClass));
            assertFalse(settings.get("classes").get(signalClass.id()).get("anonymityFloorMet").asBoolean());
        }
    }

    @Test
    void anAdminSetsLevelsAViewerReadsThemButCannotChangeThemAndEveryChangeIsRecorded() {
        Alliance alliance = alliance();
        BrandService.CreatedBrand brand = member(alliance);
        String viewerKey = app.services().apiKeys().issue(brand.brand().id(), "viewer", Role.VIEWER).plaintext();

        Http.Response changed = put(alliance, brand.apiKey(), "{\"hotspots\":\"anonymous\",\"sellers\":\"named\"}");
        assertEquals(200, changed.status(), changed.text());
        assertEquals("anonymous", level(changed.json(), SignalClass.HOTSPOTS));

        JsonNode seen = read(alliance, viewerKey);
        assertEquals("anonymous", level(seen, SignalClass.HOTSPOTS));
        assertEquals("named", level(seen, SignalClass.SELLERS));
        assertEquals("none", level(seen, SignalClass.LABEL_HOSTS));
        assertEquals(1, count(seen, SignalClass.HOTSPOTS));

        assertProblem(403, put(alliance, viewerKey, "{\"hotspots\":\"none\"}"), "\"status\":403");
        assertEquals("anonymous", level(read(alliance, brand.apiKey()), SignalClass.HOTSPOTS));

        // Setting a class to the level it already has is no change, and is not recorded.
        assertEquals(200, put(alliance, brand.apiKey(), "{\"hotspots\":\"anonymous\",\"forgery_waves\":\"named\"}").status());
        assertEquals(List.of("hotspots=anonymous", "sellers=named", "forgery_waves=named"),
                sharingEvents(alliance, brand.brand().id()));
    }

    @Test
    void anUnknownClassOrLevelIsRefusedByNameAndChangesNothing() {
        Alliance alliance = alliance();
        BrandService.CreatedBrand brand = member(alliance);
        assertEquals(200, put(alliance, brand.apiKey(), "{\"hotspots\":\"named\"}").status());

        Http.Response unknownClass = put(alliance, brand.apiKey(), "{\"sellers\":\"named\",\"recipes\":\"named\"}");
        assertProblem(400, unknownClass, "recipes");
        Http.Response unknownLevel = put(alliance, brand.apiKey(), "{\"hotspots\":\"none\",\"sellers\":\"loudly\"}");
        assertProblem(400, unknownLevel, "sellers");
        assertProblem(400, put(alliance, brand.apiKey(), "{\"sellers\":3}"), "sellers");
        assertProblem(400, put(alliance, brand.apiKey(), "[\"named\"]"), "JSON object");
        assertProblem(400, put(alliance, brand.apiKey(), "{not json"), "JSON");

        JsonNode settings = read(alliance, brand.apiKey());
        assertEquals("named", level(settings, SignalClass.HOTSPOTS));
        assertEquals("none", level(settings, SignalClass.SELLERS));
        assertEquals(List.of("hotspots=named"), sharingEvents(alliance, brand.brand().id()));
    }

    @Test
    void onlyCurrentMembersReadOrChangeSharingAndAnotherBrandCannotTouchThisBrandsSettings() {
        Alliance alliance = alliance();
        BrandService.CreatedBrand brand = member(alliance);
        assertEquals(200, put(alliance, brand.apiKey(), "{\"hotspots\":\"named\"}").status());

        BrandService.CreatedBrand stranger = brand();
        BrandService.CreatedBrand invited = brand();
        alliances().invite(alliance.id(), invited.brand().id(), OPERATOR);
        BrandService.CreatedBrand removed = member(alliance);
        alliances().remove(alliance.id(), removed.brand().id(), OPERATOR);
        for (BrandService.CreatedBrand outsider : List.of(stranger, invited, removed)) {
            assertProblem(404, http.get(path(alliance), outsider.apiKey()), "not a member");
            assertProblem(404, put(alliance, outsider.apiKey(), "{\"hotspots\":\"none\"}"), "not a member");
            assertEquals(List.of(), sharingEvents(alliance, outsider.brand().id()));
        }
        assertProblem(404, http.get("/api/v1/alliances/999999999/sharing", brand.apiKey()), "not a member");
        assertProblem(404, put(new Alliance(999_999_999L, "", 2, 0, null, ""), brand.apiKey(), "{}"), "not a member");

        assertEquals("named", level(read(alliance, brand.apiKey()), SignalClass.HOTSPOTS), "the member's setting is untouched");
        assertEquals(List.of(), sharingEvents(alliance, stranger.brand().id()));
    }

    @Test
    void countsNeverNameBrandsAndTheFloorIsMetAtTheThirdSharingMember() {
        Alliance alliance = alliance();
        List<BrandService.CreatedBrand> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(member(alliance));
        }
        BrandService.CreatedBrand watcher = member(alliance);
        for (int i = 0; i < 3; i++) {
            String level = i == 1 ? "named" : "anonymous";
            assertEquals(200, put(alliance, members.get(i).apiKey(), "{\"label_hosts\":\"" + level + "\"}").status());
            Http.Response seen = http.get(path(alliance), watcher.apiKey());
            JsonNode labelHosts = seen.json().get("classes").get(SignalClass.LABEL_HOSTS.id());
            assertEquals(i + 1, labelHosts.get("sharingMembers").asInt());
            assertEquals(i + 1 >= 3, labelHosts.get("anonymityFloorMet").asBoolean(), "after " + (i + 1) + " sharing members");
            assertEquals(i + 1 >= 3, sharing().anonymityFloorMet(alliance.id(), SignalClass.LABEL_HOSTS));
            // Only these fields, all numbers and levels: nothing in the answer can say which brands share.
            assertEquals(List.of("allianceId", "anonymityFloor", "classes"), fieldNames(seen.json()));
            assertEquals(List.of("level", "sharingMembers", "anonymityFloorMet"), fieldNames(labelHosts));
            for (BrandService.CreatedBrand member : members) {
                assertFalse(seen.text().contains(member.brand().name()), seen.text());
            }
        }
        List<SharingMember> sharingMembers = sharing().sharingMembers(alliance.id(), SignalClass.LABEL_HOSTS);
        assertEquals(members.stream().map(m -> m.brand().id()).sorted().toList(),
                sharingMembers.stream().map(SharingMember::brandId).toList());
        assertEquals(1, sharingMembers.stream().filter(m -> m.level() == SharingLevel.NAMED).count());
        assertEquals(List.of(), sharing().sharingMembers(alliance.id(), SignalClass.HOTSPOTS));
    }

    @Test
    void leavingOrBeingRemovedResetsSharingToNoneAndIsRecorded() {
        Alliance alliance = alliance();
        BrandService.CreatedBrand leaver = member(alliance);
        BrandService.CreatedBrand removed = member(alliance);
        BrandService.CreatedBrand watcher = member(alliance);
        assertEquals(200, put(alliance, leaver.apiKey(), "{\"hotspots\":\"named\",\"sellers\":\"anonymous\"}").status());
        assertEquals(200, put(alliance, removed.apiKey(), "{\"hotspots\":\"anonymous\"}").status());
        assertEquals(2, count(read(alliance, watcher.apiKey()), SignalClass.HOTSPOTS));

        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/leave", leaver.apiKey(), null).status());
        alliances().remove(alliance.id(), removed.brand().id(), OPERATOR);

        JsonNode seen = read(alliance, watcher.apiKey());
        assertEquals(0, count(seen, SignalClass.HOTSPOTS));
        assertEquals(0, count(seen, SignalClass.SELLERS));
        assertEquals(List.of(), sharing().sharingMembers(alliance.id(), SignalClass.HOTSPOTS));
        assertEquals(List.of("hotspots=named", "sellers=anonymous", "hotspots=none", "sellers=none"),
                sharingEvents(alliance, leaver.brand().id()));
        assertEquals(List.of("hotspots=anonymous", "hotspots=none"), sharingEvents(alliance, removed.brand().id()));

        // Invited and accepted again, the brand starts from none.
        member(alliance, leaver);
        JsonNode back = read(alliance, leaver.apiKey());
        for (SignalClass signalClass : SignalClass.values()) {
            assertEquals("none", level(back, signalClass));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void member(Alliance alliance, BrandService.CreatedBrand brand) {
        alliances().invite(alliance.id(), brand.brand().id(), OPERATOR);
        assertEquals(200, http.post("/api/v1/alliances/" + alliance.id() + "/accept", brand.apiKey(), null).status());
    }
}
