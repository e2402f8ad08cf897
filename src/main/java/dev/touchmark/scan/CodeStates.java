package dev.touchmark.scan;

import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.LocatedScan;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one scan advances its code's state. The states come from the database under the row locks of the group's
 * transaction (see ScanRepository.lockStates), never from a copy kept by this node, so several nodes recording scans
 * of one code count its scans and phones exactly as one node would.
 */
final class CodeStates {
    /**
     * How long after a code's first scan its phones' networks mark its household: a family's or a household's other
     * browsers check the product within weeks of the sale, on the same home line.
     */
    static final long HOUSEHOLD_DAYS = 30;
    /**
     * Networks outside the code's household from which one device cookie may check it before a further one counts as
     * another phone: an owner checks from home, the shop, work or a trip abroad; a copied link or a scripted checker
     * carrying the owner's cookie brings it to a new network with every fake.
     */
    static final int COOKIE_NETWORKS = 2;

    /**
     * Checks one cookie may make of a code from one network outside its household before the further ones count as
     * other phones: an owner re-checks a few times; a scripted checker carrying the owner's cookie checks every fake.
     */
    static final int COOKIE_REPEATS = 3;
    /**
     * Browsers and phones a household has at most: past this, further ones on its networks are other buyers (strangers
     * behind one carrier's address, or a shop's), not the family's.
     */
    static final int HOUSEHOLD_MAX = 6;
    /** How a browser that joined a code's household is marked in code_device. */
    static final String HOUSEHOLD_MEMBER = "hj:";
    /**
     * Days after a code's first scan in which a phone counted as another buyer (past the code's second phone) still
     * marks its network as the household's: a family's further browsers check the product around the sale, a copy's
     * buyer days later; a copy's network marked weeks later would let the next copies checked over that carrier's
     * shared prefix join the household.
     */
    static final long NEW_PHONE_MARK_DAYS = 3;
    /**
     * Days after a code's first scan in which its first phone's checks from further networks mark them as the
     * household's: around the sale the owner checks at home and on the phone's network; a copied link or a scripted
     * checker carrying the owner's cookie comes later, from the networks where the copies are sold.
     */
    static final long OWNER_MARK_DAYS = 2;

    /** What the database holds beyond the group's locked states, read only in the rare cases that need it. */
    interface MarkCounter {
        /** How many of a code's code_device marks start with a prefix. */
        int count(CodeRef code, String prefix);

        /** How many of a code's logged scans came from one device cookie on one network. */
        int scansFrom(CodeRef code, String deviceId, String ipHash);
    }

    private CodeStates() {
    }

    /** Advances a code's state by one scan and returns the code's history as this scan sees it. */
    static CodeHistory advance(ScanToRecord scan, long scanId, OffsetDateTime now, Map<CodeRef, State> states,
                               Set<DeviceKey> known, List<DeviceKey> newDevices, MarkCounter marks) {
        CodeRef code = new CodeRef(scan.batchId(), scan.codeIndex());
        State state = states.get(code);
        if (state == null) {
            throw new IllegalStateException("no locked state for code " + code);
        }
        boolean first = state.scanCount == 0;
        boolean deviceSeen = false;
        boolean household = false;
        boolean replayed = false;
        String phone = scan.phoneId();
        if (phone != null) {
            DeviceKey device = new DeviceKey(code, phone);
            deviceSeen = !known.add(device);
            String homeKey = scan.householdKey();
            DeviceKey home = homeKey == null ? null : new DeviceKey(code, homeKey);
            boolean counted = false;
            if (!deviceSeen) {
                newDevices.add(device);
                // A browser new to the code on a network its earlier phones used around the sale is the same
                // household's (a second browser, a partner's phone on the home line), not another buyer.
                household = !first && home != null && known.contains(home) && joins(code, phone, newDevices, known, marks);
                if (!household) {
                    state.deviceCount++;
                    counted = !first;
                }
            }
            if (deviceSeen && home != null && known.contains(home) && !member(state, scan, code, known)
                    && joins(code, phone, newDevices, known, marks)) {
                // A phone counted as another buyer that checks again from the household's network is one of its
                // browsers (first checked on the phone's own network): it stops counting as another phone.
                state.deviceCount = Math.max(1, state.deviceCount - 1);
            }
            if (deviceSeen && home != null && !known.contains(home)) {
                replayed = replayedCookie(scan, code, known, newDevices, marks);
                if (replayed) {
                    deviceSeen = false;
                    state.deviceCount++;
                }
            }
            if (home != null && !replayed && householdTime(state, scan, now, first) && marksHousehold(state, scan, now, first, counted)
                    && known.add(home)) {
                newDevices.add(home);
            }
        } else {
            // Nothing tells this scan's phone from another's: it counts as a new one, as a copy checked by a script would.
            state.deviceCount++;
        }
        String previousCountry = state.lastCountry;
        OffsetDateTime previousCountryAt = state.lastCountryAt;
        if (scan.shopper().country() != null) {
            state.lastCountry = scan.shopper().country();
            state.lastCountryAt = now;
        }
        LocatedScan previousLocated = state.lastLocated;
        if (scan.located() && (previousLocated == null || !previousLocated.at().isAfter(now))) {
            state.lastLocated = new LocatedScan(scanId, now, scan.place().latTenths(), scan.place().lonTenths());
        }
        state.scanCount++;
        state.lastScanAt = now;
        state.changed = true;
        return new CodeHistory(first, deviceSeen, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount,
                previousCountry, previousCountryAt, household, replayed, previousLocated);
    }

    /** Whether one more browser may join the code's household (it has fewer than HOUSEHOLD_MAX); marks it if so. */
    private static boolean joins(CodeRef code, String phone, List<DeviceKey> newDevices, Set<DeviceKey> known,
                                 MarkCounter marks) {
        long members = marks.count(code, HOUSEHOLD_MEMBER) + newDevices.stream()
                .filter(d -> d.code().equals(code) && d.deviceId().startsWith(HOUSEHOLD_MEMBER)).count();
        if (members >= HOUSEHOLD_MAX - 1) {
            return false;
        }
        DeviceKey mark = new DeviceKey(code, memberKey(phone));
        known.add(mark);
        newDevices.add(mark);
        return true;
    }

    /** The code_device mark of a browser that joined a code's household (32 characters at most). */
    static String memberKey(String phone) {
        return HOUSEHOLD_MEMBER + phone.substring(0, Math.min(29, phone.length()));
    }

    /** True when the scan's phone is the household's: the code's first phone, or a browser that joined it. */
    private static boolean member(State state, ScanToRecord scan, CodeRef code, Set<DeviceKey> known) {
        String device = scan.shopper().deviceId();
        return device != null && device.equals(state.firstDeviceId) || known.contains(new DeviceKey(code, memberKey(scan.phoneId())));
    }

    /**
     * Whether a scan (not a replayed cookie's, in the household's time and country) marks its network as the household's.
     * The first scan does; a phone counted as another buyer does when it is the code's second phone or checks within
     * NEW_PHONE_MARK_DAYS of the first scan; the first phone's further networks within OWNER_MARK_DAYS; the other
     * browsers of the household (and phones counted before that check again) within HOUSEHOLD_DAYS. A copy's buyer
     * weeks after the sale would otherwise mark a carrier's shared prefix, through which the next copies join.
     */
    private static boolean marksHousehold(State state, ScanToRecord scan, OffsetDateTime now, boolean first, boolean counted) {
        if (first) {
            return true;
        }
        if (counted) {
            return state.deviceCount <= 2 || !state.firstScanAt.plusDays(NEW_PHONE_MARK_DAYS).isBefore(now);
        }
        String device = scan.shopper().deviceId();
        if (device != null && device.equals(state.firstDeviceId)) {
            return !state.firstScanAt.plusDays(OWNER_MARK_DAYS).isBefore(now);
        }
        return true;
    }

    /**
     * Whether a cookie the code has seen, checking it from a network outside its household, is a replay: the cookie has
     * already checked the code from COOKIE_NETWORKS such networks. Each new network is marked; the marks are counted
     * only when one is new (rare for an owner), so the usual scan reads nothing more.
     */
    private static boolean replayedCookie(ScanToRecord scan, CodeRef code, Set<DeviceKey> known, List<DeviceKey> newDevices,
                                          MarkCounter marks) {
        String key = scan.cookieNetworkKey();
        if (key == null) {
            return false;
        }
        if (!known.add(new DeviceKey(code, key))) {
            // The same network outside the household again: a few re-checks are an owner's, many a checker's.
            return marks.scansFrom(code, scan.shopper().deviceId(), scan.shopper().ipHash()) >= COOKIE_REPEATS;
        }
        String prefix = scan.cookieNetworkPrefix();
        long earlier = marks.count(code, prefix) + newDevices.stream()
                .filter(d -> d.code().equals(code) && d.deviceId().startsWith(prefix)).count();
        newDevices.add(new DeviceKey(code, key));
        return earlier >= COOKIE_NETWORKS;
    }

    /**
     * Whether a scan's network may mark the code's household: around the sale (HOUSEHOLD_DAYS after the first scan) and
     * in the country of the first scan, so copies sold weeks later or abroad never join the buyer's household, and a
     * network shared by strangers (a mobile carrier's) is marked only by the buyer's own checks around the sale.
     */
    private static boolean householdTime(State state, ScanToRecord scan, OffsetDateTime now, boolean first) {
        if (first) {
            return true;
        }
        String country = scan.shopper().country();
        boolean sameCountry = state.firstCountry == null || country == null || state.firstCountry.equals(country);
        return sameCountry && state.firstScanAt != null && !state.firstScanAt.plusDays(HOUSEHOLD_DAYS).isBefore(now);
    }

    /**
     * A code's history as a scan that counts for nothing (a link preview, a staff check) sees it: the scans and phones
     * counted so far, this one not among them; null state for a code no one has scanned.
     */
    static CodeHistory peek(State state) {
        if (state == null || state.scanCount == 0) {
            return new CodeHistory(true, false, null, null, 0, 0);
        }
        return new CodeHistory(false, false, state.firstScanAt, state.firstCountry, state.scanCount, state.deviceCount,
                state.lastCountry, state.lastCountryAt);
    }
}
