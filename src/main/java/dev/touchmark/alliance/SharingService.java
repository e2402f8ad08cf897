package dev.touchmark.alliance;

import dev.touchmark.access.Principal;
import dev.touchmark.error.Validator;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each member brand shares with its alliance, per signal class. Only current members read or change their
 * settings; anyone else hears the same 404 as for an alliance that does not exist, so ids do not leak. A change runs in
 * one transaction under the alliance's lock (the lock leaving and removal take too), and is recorded.
 */
public final class SharingService {
    /** Anonymous items of a class are shown only once this many members share it, so no one brand can be singled out. */
    public static final int ANONYMITY_FLOOR = 3;
    static final String EVENT = "sharing";

    private final AllianceRepository alliances;
    private final SharingRepository sharing;
    private final Clock clock;

    public SharingService(AllianceRepository alliances, SharingRepository sharing, Clock clock) {
        this.alliances = alliances;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** The brand's settings in the alliance, with how many members share each class. */
    public SharingSettings settings(Principal principal, long allianceId) {
        return alliances.inTransaction(() -> {
            alliances.requireMember(allianceId, principal.brandId());
            return read(allianceId, principal.brandId());
        });
    }

    /** Changes the named classes (any subset); refuses the whole request if any class or level is unknown. */
    public SharingSettings change(Principal principal, long allianceId, Map<String, String> requested) {
        Map<SignalClass, SharingLevel> changes = parse(requested);
        return alliances.inTransaction(() -> {
            alliances.lock(allianceId); // none to lock: no such alliance, which the check below answers
            alliances.requireMember(allianceId, principal.brandId());
            Map<SignalClass, SharingLevel> current = sharing.levels(allianceId, principal.brandId());
            OffsetDateTime now = OffsetDateTime.now(clock);
            changes.forEach((signalClass, level) -> {
                if (current.getOrDefault(signalClass, SharingLevel.NONE) != level) {
                    store(allianceId, principal.brandId(), signalClass, level, now, principal.actor());
                }
            });
            return read(allianceId, principal.brandId());
        });
    }

    /** The current members sharing the class, anonymously or by name, with their level. */
    public List<SharingMember> sharingMembers(long allianceId, SignalClass signalClass) {
        return sharing.sharingMembers(allianceId, signalClass);
    }

    /** Whether enough current members share the class for its anonymous items to be shown. */
    public boolean anonymityFloorMet(long allianceId, SignalClass signalClass) {
        return floorMet(sharing.sharingMembers(allianceId, signalClass).size());
    }

    /** Whether this many sharing members reach the anonymity floor. */
    static boolean floorMet(int sharingMembers) {
        return sharingMembers >= ANONYMITY_FLOOR;
    }

    /**
     * Sets every class the brand shares back to none; for leaving and removal, inside their transaction, so a brand is
     * never outside an alliance while still sharing with it.
     */
    void stopSharing(long allianceId, long brandId, OffsetDateTime now, String actor) {
        sharing.levels(allianceId, brandId).forEach((signalClass, level) -> {
            if (level.shares()) {
                store(allianceId, brandId, signalClass, SharingLevel.NONE, now, actor);
            }
        });
    }

    /** The request body as classes and levels; every unknown class or level is named in one 400. */
    static Map<SignalClass, SharingLevel> parse(Map<String, String> requested) {
        Validator validator = new Validator();
        Map<SignalClass, SharingLevel> changes = new EnumMap<>(SignalClass.class);
        requested.forEach((field, value) -> {
            var signalClass = SignalClass.of(field);
            var level = value == null ? Optional.<SharingLevel>empty() : SharingLevel.of(value);
            if (signalClass.isEmpty()) {
                validator.fail(field, "is not a signal class; known classes: " + ids(SignalClass.values()));
            } else if (level.isEmpty()) {
                validator.fail(field, "must be one of " + ids(SharingLevel.values()));
            } else {
                changes.put(signalClass.get(), level.get());
            }
        });
        validator.throwIfInvalid();
        return changes;
    }

    private void store(long allianceId, long brandId, SignalClass signalClass, SharingLevel level, OffsetDateTime now,
                       String actor) {
        sharing.set(allianceId, brandId, signalClass, level, now, actor);
        alliances.insertEvent(allianceId, brandId, EVENT, signalClass.id() + "=" + level.id(), actor, now);
    }

    private SharingSettings read(long allianceId, long brandId) {
        Map<SignalClass, SharingLevel> levels = sharing.levels(allianceId, brandId);
        Map<SignalClass, Integer> counts = sharing.sharingCounts(allianceId);
        Map<String, SharingSettings.ClassSharing> classes = new LinkedHashMap<>();
        for (SignalClass signalClass : SignalClass.values()) {
            int count = counts.getOrDefault(signalClass, 0);
            classes.put(signalClass.id(), new SharingSettings.ClassSharing(
                    levels.getOrDefault(signalClass, SharingLevel.NONE).id(), count, floorMet(count)));
        }
        return new SharingSettings(allianceId, ANONYMITY_FLOOR, classes);
    }

    private static String ids(SignalClass[] classes) {
        return String.join(", ", Arrays.stream(classes).map(SignalClass::id).toList());
    }

    private static String ids(SharingLevel[] levels) {
        return String.join(", ", Arrays.stream(levels).map(SharingLevel::id).toList());
    }
}
