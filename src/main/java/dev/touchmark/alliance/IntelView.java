package dev.touchmark.alliance;

import dev.touchmark.domain.Place;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The alliance's privacy rules in one place: which members' signals of a class another member may see, and under
 * which name. A member that does not share the class contributes nothing; one sharing anonymously contributes only
 * while at least {@link SharingService#ANONYMITY_FLOOR} members share the class (so a count cannot single it out),
 * and never its name; one sharing with its name is always shown, named.
 */
final class IntelView {
    private static final Comparator<IntelItem> ORDER = Comparator.comparing(IntelItem::lastSeen).reversed()
            .thenComparing(Comparator.comparingInt(IntelItem::members).reversed())
            .thenComparing(IntelItem::key);

    private IntelView() {
    }

    /**
     * The items of one class built from the signals of the members that may contribute, newest first.
     *
     * @param sharers the current members sharing the class, with their level
     * @param signals signals of this class of any brands (those not allowed to contribute are ignored)
     * @param without a brand whose own signals are left out (the reader, when it asks what others saw); -1 for none
     */
    static List<IntelItem> items(SignalClass signalClass, List<SharingMember> sharers, List<BrandSignal> signals, long without) {
        Map<Long, SharingMember> contributors = contributors(sharers);
        Map<String, List<BrandSignal>> byKey = new LinkedHashMap<>();
        for (BrandSignal signal : signals) {
            if (signal.signalClass() == signalClass && signal.brandId() != without && contributors.containsKey(signal.brandId())) {
                byKey.computeIfAbsent(signal.key(), k -> new ArrayList<>()).add(signal);
            }
        }
        List<IntelItem> items = new ArrayList<>(byKey.size());
        byKey.forEach((key, seen) -> items.add(item(signalClass, key, seen, contributors)));
        items.sort(ORDER);
        return items;
    }

    /** The members whose signals of the class may be shown: all sharers once the floor is met, else only named ones. */
    static Map<Long, SharingMember> contributors(List<SharingMember> sharers) {
        boolean floorMet = SharingService.floorMet(sharers.size());
        Map<Long, SharingMember> contributors = new HashMap<>();
        for (SharingMember member : sharers) {
            if (member.level() == SharingLevel.NAMED || (floorMet && member.level() == SharingLevel.ANONYMOUS)) {
                contributors.put(member.brandId(), member);
            }
        }
        return contributors;
    }

    private static IntelItem item(SignalClass signalClass, String key, List<BrandSignal> seen, Map<Long, SharingMember> contributors) {
        Set<Long> brands = seen.stream().map(BrandSignal::brandId).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        for (long brand : brands) {
            SharingMember member = contributors.get(brand);
            if (member.level() == SharingLevel.NAMED) {
                named.add(member.brandName());
            }
        }
        long count = seen.stream().mapToLong(BrandSignal::count).sum();
        LocalDate first = seen.stream().map(BrandSignal::firstSeen).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = seen.stream().map(BrandSignal::lastSeen).max(LocalDate::compareTo).orElseThrow();
        Place centre = seen.stream().map(BrandSignal::centre).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new IntelItem(signalClass, key, brands.size(), List.copyOf(named), count, first, last, centre);
    }
}
