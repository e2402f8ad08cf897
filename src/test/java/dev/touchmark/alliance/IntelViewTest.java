package dev.touchmark.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.Place;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The privacy rules of the alliance's intelligence, without a database. */
class IntelViewTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static SharingMember anon(long id) {
        return new SharingMember(id, "Brand " + id, SharingLevel.ANONYMOUS);
    }

    private static SharingMember named(long id) {
        return new SharingMember(id, "Brand " + id, SharingLevel.NAMED);
    }

    private static BrandSignal hotspot(long brand, String cell, long count, int day) {
        return new BrandSignal(brand, SignalClass.HOTSPOTS, cell, count, DAY.plusDays(day), DAY.plusDays(day + 1), Place.centreOf(cell));
    }

    @Test
    void belowTheFloorOnlyNamedSharersContribute() {
        List<IntelItem> items = IntelView.items(SignalClass.HOTSPOTS, List.of(anon(1), named(2)),
                List.of(hotspot(1, "10:10", 5, 0), hotspot(2, "10:10", 3, 2), hotspot(1, "20:20", 9, 0)), -1);
        assertEquals(1, items.size(), items.toString());
        assertEquals(1, items.get(0).members());
        assertEquals(3, items.get(0).count(), "the anonymous member's count is not in it either");
        assertEquals(List.of("Brand 2"), items.get(0).namedBrands());
    }

    @Test
    void atTheFloorAnonymousSharersCountButAreNeverNamed() {
        List<IntelItem> items = IntelView.items(SignalClass.HOTSPOTS, List.of(anon(1), anon(3), named(2)),
                List.of(hotspot(1, "10:10", 5, 0), hotspot(2, "10:10", 3, 2), hotspot(3, "30:30", 1, 4)), -1);
        IntelItem both = items.stream().filter(i -> i.key().equals("10:10")).findFirst().orElseThrow();
        assertEquals(2, both.members());
        assertEquals(8, both.count());
        assertEquals(List.of("Brand 2"), both.namedBrands());
        assertEquals(DAY, both.firstSeen());
        assertEquals(DAY.plusDays(3), both.lastSeen());
        assertEquals("30:30", items.get(0).key(), "newest first");
    }

    @Test
    void brandsThatDoNotShareTheClassContributeNothing() {
        List<IntelItem> items = IntelView.items(SignalClass.HOTSPOTS, List.of(named(2)),
                List.of(hotspot(7, "10:10", 5, 0), new BrandSignal(2, SignalClass.SELLERS, "shop.example", 2, DAY, DAY, null)), -1);
        assertTrue(items.isEmpty(), "brand 7 does not share; brand 2's seller is another class");
    }

    @Test
    void aMemberAskingWhatOthersSawLeavesItsOwnSignalsOut() {
        List<IntelItem> items = IntelView.items(SignalClass.HOTSPOTS, List.of(named(1), named(2)),
                List.of(hotspot(1, "10:10", 5, 0), hotspot(2, "10:10", 3, 2)), 1);
        assertEquals(1, items.get(0).members());
        assertEquals(List.of("Brand 2"), items.get(0).namedBrands());
    }

    @Test
    void forgeryWavesAreKeyedByCellAndIsoWeek() {
        assertEquals("104:26@2026-W48", SignalRepository.waveKey("104:26", LocalDate.of(2026, 11, 23)));
        assertEquals("104:26@2026-W53", SignalRepository.waveKey("104:26", LocalDate.of(2027, 1, 1)));
        assertEquals("-3:-1@2027-W01", SignalRepository.waveKey("-3:-1", LocalDate.of(2027, 1, 4)));
    }
}
