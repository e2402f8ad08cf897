package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.ClientKind;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.Shopper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeStatesTest {
    private static final CodeRef CODE = new CodeRef(2, 3);
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-10T10:00:00Z");
    private final Map<CodeRef, ScanRepository.State> states = new HashMap<>(Map.of(CODE,
            new ScanRepository.State(1, T0, null, "FR", 0, 0, T0)));
    private final Set<ScanRepository.DeviceKey> known = new HashSet<>();
    private final List<ScanRepository.DeviceKey> added = new ArrayList<>();
    /** The scan log of the test: each scan's cookie and network, as the database would count them. */
    private final List<String> logged = new ArrayList<>();
    private long scanIds;
    private final CodeStates.MarkCounter marks = new CodeStates.MarkCounter() {
        @Override
        public int count(CodeRef code, String prefix) {
            return 0; // the marks of this test are all in its one group (added), which advance counts itself
        }

        @Override
        public int scansFrom(CodeRef code, String deviceId, String ipHash) {
            return (int) logged.stream().filter(l -> l.equals(deviceId + "/" + ipHash)).count();
        }
    };

    private CodeHistory scan(String device, String network, String country, OffsetDateTime at) {
        Shopper shopper = new Shopper(device, country, null, network, ClientKind.API);
        CodeHistory history = CodeStates.advance(ScanToRecord.tracked(1, CODE, BatchStatus.RELEASED, Set.of("FR"), shopper,
                (h, a) -> null), ++scanIds, at, states, known, added, marks);
        logged.add(device + "/" + network); // the scan log holds a scan once its group is written
        return history;
    }

    @Test
    void aScanWithoutADeviceIdIsOnePhonePerNetworkAndANewPhoneWhenNothingIsKnown() {
        assertEquals(1, scan("A".repeat(26), "1".repeat(32), "FR", T0).deviceCount());
        CodeHistory app = scan(null, "2".repeat(32), "FR", T0.plusMinutes(1));
        assertEquals(2, app.deviceCount(), "a partner's call from another network is another phone");
        CodeHistory again = scan(null, "2".repeat(32), "FR", T0.plusMinutes(2));
        assertEquals(2, again.deviceCount());
        assertTrue(again.deviceSeenBefore(), "the same network again is the same phone");
        assertEquals(3, scan(null, null, "FR", T0.plusMinutes(3)).deviceCount());
        CodeHistory unknown = scan(null, null, "FR", T0.plusMinutes(4));
        assertEquals(4, unknown.deviceCount(), "with neither a device id nor a network, every scan is a new phone");
        assertFalse(unknown.deviceSeenBefore());
        assertTrue(added.stream().anyMatch(d -> d.deviceId().equals("net:" + "2".repeat(28))));
        assertEquals(List.of("A".repeat(26), "home:" + "1".repeat(27), "net:" + "2".repeat(28)),
                added.stream().map(ScanRepository.DeviceKey::deviceId).toList(), "the first phone's network marks its household");
    }

    @Test
    void eachScanSeesTheCountryAndTimeOfTheCodesLastScanThatHadOne() {
        CodeHistory first = scan("A".repeat(26), null, "DE", T0);
        assertNull(first.previousCountry());
        CodeHistory unknown = scan("A".repeat(26), null, null, T0.plusHours(1));
        assertEquals("DE", unknown.previousCountry());
        CodeHistory nigeria = scan("B".repeat(26), null, "NG", T0.plusHours(2));
        assertEquals("DE", nigeria.previousCountry(), "a scan without a country moves nothing");
        assertEquals(T0, nigeria.previousCountryAt());
        assertEquals("NG", scan("C".repeat(26), null, "AE", T0.plusHours(3)).previousCountry());
    }

    @Test
    void aHouseholdsFurtherBrowsersOnItsHomeLineAreOnePhoneAndAStrangerElsewhereIsAnother() {
        String home = "h".repeat(32);
        assertEquals(1, scan("A".repeat(26), home, "FR", T0).deviceCount());
        CodeHistory partner = scan("B".repeat(26), home, "FR", T0.plusDays(2));
        assertTrue(partner.household(), "a second browser on the home line is the same household");
        assertFalse(partner.deviceSeenBefore());
        assertEquals(1, partner.deviceCount());
        CodeHistory stranger = scan("C".repeat(26), "s".repeat(32), "FR", T0.plusDays(3));
        assertFalse(stranger.household());
        assertEquals(2, stranger.deviceCount());
        CodeHistory abroad = scan("D".repeat(26), "x".repeat(32), "AE", T0.plusDays(4));
        assertEquals(3, abroad.deviceCount());
        CodeHistory sameNetworkAsAbroad = scan("E".repeat(26), "x".repeat(32), "AE", T0.plusDays(5));
        assertFalse(sameNetworkAsAbroad.household(), "a network first used abroad never marks the buyer's household");
        assertEquals(4, sameNetworkAsAbroad.deviceCount());
        CodeHistory late = scan("F".repeat(26), "l".repeat(32), "FR", T0.plusDays(40));
        CodeHistory lateOnSameNetwork = scan("G".repeat(26), "l".repeat(32), "FR", T0.plusDays(41));
        assertEquals(5, late.deviceCount());
        assertFalse(lateOnSameNetwork.household(), "weeks after the sale, networks no longer mark the household");
        assertEquals(6, lateOnSameNetwork.deviceCount());
    }

    @Test
    void anOwnersCookieFromNetworkAfterNetworkIsReplayedAndCountsAsANewPhone() {
        String owner = "A".repeat(26);
        scan(owner, "h".repeat(32), "FR", T0);
        assertTrue(scan(owner, "h".repeat(32), "FR", T0.plusDays(1)).deviceSeenBefore(), "at home");
        CodeHistory work = scan(owner, "w".repeat(32), "FR", T0.plusDays(40));
        CodeHistory trip = scan(owner, "t".repeat(32), "ES", T0.plusDays(50));
        assertTrue(work.deviceSeenBefore() && trip.deviceSeenBefore(), "an owner checks from work and on a trip");
        assertFalse(work.replayed() || trip.replayed());
        CodeHistory third = scan(owner, "r".repeat(32), "FR", T0.plusDays(51));
        assertTrue(third.replayed(), "a third network outside the household: the cookie travels with copies");
        assertFalse(third.deviceSeenBefore());
        assertEquals(2, third.deviceCount());
        assertEquals(3, scan(owner, "q".repeat(32), "FR", T0.plusDays(52)).deviceCount());
        CodeHistory again = scan(owner, "q".repeat(32), "FR", T0.plusDays(53));
        assertFalse(again.replayed(), "the same network again is the same phone");
        assertEquals(3, again.deviceCount());
        assertFalse(scan(owner, "h".repeat(32), "FR", T0.plusDays(54)).replayed(), "home is never a replay");
    }

    @Test
    void aCheckerRepeatingAnOwnersCookieFromOneNetworkOutsideTheHouseholdCountsAsPhonesAfterAFewChecks() {
        String owner = "A".repeat(26);
        scan(owner, "h".repeat(32), "FR", T0);
        String office = "o".repeat(32);
        for (int i = 1; i <= 3; i++) {
            CodeHistory recheck = scan(owner, office, "FR", T0.plusDays(40 + i));
            assertFalse(recheck.replayed(), "re-check " + i + " from the office is the owner's");
        }
        CodeHistory fourth = scan(owner, office, "FR", T0.plusDays(45));
        assertTrue(fourth.replayed(), "the fourth check from one network outside the household is a checker's");
        assertEquals(2, fourth.deviceCount());
        assertFalse(scan(owner, "h".repeat(32), "FR", T0.plusDays(46)).replayed(), "checks at home never are");
    }

    @Test
    void aHouseholdHasAtMostSixBrowsersAndFurtherOnesOnItsNetworkAreOtherBuyers() {
        String home = "h".repeat(32);
        scan("A".repeat(26), home, "FR", T0);
        for (char c : "BCDEF".toCharArray()) {
            assertTrue(scan(String.valueOf(c).repeat(26), home, "FR", T0.plusHours(c)).household(), String.valueOf(c));
        }
        CodeHistory seventh = scan("G".repeat(26), home, "FR", T0.plusDays(3));
        assertFalse(seventh.household(), "a seventh browser behind the same address is someone else");
        assertEquals(2, seventh.deviceCount());
    }

    @Test
    void aCopysBuyerDaysAfterTheSaleMarksNoNetworkThroughWhichTheNextCopiesWouldJoinTheHousehold() {
        scan("A".repeat(26), "h".repeat(32), "FR", T0);
        assertEquals(2, scan("B".repeat(26), "b".repeat(32), "FR", T0.plusDays(5)).deviceCount());
        String carrier = "c".repeat(32);
        assertEquals(3, scan("C".repeat(26), carrier, "FR", T0.plusDays(5)).deviceCount());
        CodeHistory next = scan("D".repeat(26), carrier, "FR", T0.plusDays(5).plusHours(3));
        assertFalse(next.household(), "a third phone days after the sale is another buyer, and so is the next on its network");
        assertEquals(4, next.deviceCount());
    }

    @Test
    void aFamilysSecondPhoneMarksItsNetworkAndAPhoneCountedBeforeJoinsOnceItChecksFromTheHomeLine() {
        String home = "h".repeat(32);
        String mobile = "m".repeat(32);
        scan("A".repeat(26), home, "FR", T0);
        assertEquals(2, scan("B".repeat(26), mobile, "FR", T0.plusDays(6)).deviceCount(), "first checked on its own network");
        CodeHistory atHome = scan("B".repeat(26), home, "FR", T0.plusDays(7));
        assertTrue(atHome.deviceSeenBefore());
        assertEquals(1, atHome.deviceCount(), "checking from the home line makes it one of the household's browsers");
        assertEquals(1, scan("B".repeat(26), home, "FR", T0.plusDays(8)).deviceCount(), "it joins once");
        CodeHistory third = scan("C".repeat(26), mobile, "FR", T0.plusDays(9));
        assertTrue(third.household(), "the second phone's network marked the household");
        assertEquals(1, third.deviceCount());
    }

    @Test
    void theFirstPhonesChecksFromFurtherNetworksDaysAfterTheSaleMarkNoHousehold() {
        String owner = "A".repeat(26);
        states.put(CODE, new ScanRepository.State(1, T0, owner, "FR", 0, 0, T0));
        scan(owner, "h".repeat(32), "FR", T0);
        String mobile = "m".repeat(32);
        assertTrue(scan(owner, mobile, "FR", T0.plusDays(1)).deviceSeenBefore());
        assertTrue(scan("B".repeat(26), mobile, "FR", T0.plusDays(1).plusHours(2)).household(),
                "around the sale the owner's phone network is the household's");
        String shop = "s".repeat(32);
        assertTrue(scan(owner, shop, "FR", T0.plusDays(5)).deviceSeenBefore());
        CodeHistory copy = scan("C".repeat(26), shop, "FR", T0.plusDays(6));
        assertFalse(copy.household(), "the owner's cookie on a new network days later marks nothing (a copied link's)");
        assertEquals(2, copy.deviceCount());
    }
}
