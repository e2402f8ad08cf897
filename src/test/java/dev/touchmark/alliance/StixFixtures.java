package dev.touchmark.alliance;

import dev.touchmark.domain.Place;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Intelligence items of every signal class, named and anonymous, for the STIX tests. */
final class StixFixtures {
    static final long ALLIANCE = 42;
    static final String ALLIANCE_NAME = "Watchmakers against fakes";
    static final Instant CREATED = Instant.parse("2026-01-15T09:30:00.123456Z");
    static final Instant NOW = Instant.parse("2026-12-05T14:00:00.250Z");
    static final LocalDate FIRST = LocalDate.parse("2026-11-02");
    static final LocalDate LAST = LocalDate.parse("2026-11-30");

    private StixFixtures() {
    }

    static IntelItem item(SignalClass signalClass, String key, List<String> named, Place centre) {
        return new IntelItem(signalClass, key, named.size() + 2, named, 17, FIRST, LAST, centre);
    }

    /** One named and one anonymous item of each class, with a label host that is an address and a quoting seller. */
    static List<IntelItem> everyClass() {
        Place paris = Place.centreOf("97:4");
        Place sydney = Place.centreOf("-68:302");
        return List.of(
                item(SignalClass.HOTSPOTS, "97:4", List.of("Acme Watches"), paris),
                item(SignalClass.HOTSPOTS, "-68:302", List.of(), sydney),
                item(SignalClass.FORGERY_WAVES, "97:4@2026-W48", List.of("Acme Watches", "Borel"), paris),
                item(SignalClass.FORGERY_WAVES, "-68:302@2026-W47", List.of(), sydney),
                item(SignalClass.LABEL_HOSTS, "verify-acme.example", List.of("Borel"), null),
                item(SignalClass.LABEL_HOSTS, "203.0.113.9", List.of(), null),
                item(SignalClass.LABEL_HOSTS, "[2001:db8::7]", List.of(), null),
                item(SignalClass.SELLERS, "shop.example/listing/7", List.of("Acme Watches"), null),
                item(SignalClass.SELLERS, "market.example", List.of(), null),
                item(SignalClass.SELLERS, "Jo's 'genuine' stall \\ market hall", List.of(), null));
    }
}
