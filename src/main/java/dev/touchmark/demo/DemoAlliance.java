package dev.touchmark.demo;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.AllianceService;
import java.util.List;
import java.util.Map;

/**
 * The demo brands' alliance: all three are members and share, the first with its name, the second by name for
 * hotspots only, the third anonymously, so the alliance page shows named and anonymous items, the anonymity floor is
 * met, and the shared counterfeit market (a hotspot and a seller two brands saw) becomes a correlated alert.
 */
final class DemoAlliance {
    private static final String OPERATOR = "demo-setup";
    private static final List<Map<String, String>> SHARING = List.of(
            Map.of("hotspots", "named", "sellers", "named", "label_hosts", "named", "forgery_waves", "named"),
            Map.of("hotspots", "named", "sellers", "anonymous", "label_hosts", "anonymous", "forgery_waves", "anonymous"),
            Map.of("hotspots", "anonymous", "sellers", "anonymous", "label_hosts", "anonymous", "forgery_waves", "anonymous"));

    private DemoAlliance() {
    }

    /** Creates the alliance once (an existing one is left as its members and operator changed it), then refreshes. */
    static void ensure(App app, List<Long> brandIds) {
        AllianceService alliances = app.services().alliances();
        boolean exists = alliances.list().stream().anyMatch(a -> a.name().equals(DemoData.ALLIANCE));
        if (!exists) {
            Alliance alliance = alliances.create(DemoData.ALLIANCE, 20, OPERATOR);
            for (int i = 0; i < brandIds.size(); i++) {
                long brandId = brandIds.get(i);
                alliances.invite(alliance.id(), brandId, OPERATOR);
                Principal admin = new Principal(brandId, OPERATOR);
                alliances.accept(admin, alliance.id());
                app.services().sharing().change(admin, alliance.id(), SHARING.get(Math.min(i, SHARING.size() - 1)));
            }
        }
        // At once rather than at the background job's next run, so the first page opened shows the matches.
        app.intel().refresh();
    }
}
