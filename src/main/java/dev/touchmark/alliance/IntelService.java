package dev.touchmark.alliance;

import dev.touchmark.alert.AllianceMatch;
import dev.touchmark.error.ValidationException;
import dev.touchmark.webhook.WebhookEvents;
import dev.touchmark.webhook.WebhookOutbox;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The alliance's intelligence: members' signals worked out off the verification path (a refresh, by one node at a
 * time), what each member may see of them, and correlation: a member's own signal that other members share too
 * becomes an alliance_match alert and, the first time, an alliance.intel.matched webhook event.
 */
public final class IntelService {
    /** Items are what members saw in this many days up to today (UTC). */
    public static final int WINDOW_DAYS = 30;
    /** The most items one page of the API gives. */
    public static final int MAX_PER_PAGE = 200;

    private final AllianceRepository alliances;
    private final SharingRepository sharing;
    private final SignalRepository signals;
    private final Consumer<AllianceMatch> alerts;
    private final WebhookOutbox outbox;
    private final Clock clock;

    /** alerts: raises a match as the brand's alert, in the caller's transaction. */
    public IntelService(AllianceRepository alliances, SharingRepository sharing, SignalRepository signals,
                        Consumer<AllianceMatch> alerts, WebhookOutbox outbox, Clock clock) {
        this.alliances = alliances;
        this.sharing = sharing;
        this.signals = signals;
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A page of the alliance's items as a member sees them; anyone else hears the same 404 as for an alliance that does
     * not exist.
     */
    public IntelPage intel(long brandId, long allianceId, String signalClass, int page, int perPage) {
        Optional<SignalClass> only = signalClass == null || signalClass.isBlank() ? Optional.empty()
                : Optional.of(SignalClass.of(signalClass).orElseThrow(() -> ValidationException.of("class",
                "must be one of " + java.util.Arrays.stream(SignalClass.values()).map(SignalClass::id).collect(Collectors.joining(", ")))));
        if (page < 1) {
            throw ValidationException.of("page", "must be 1 or more");
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ValidationException.of("per_page", "must be from 1 to " + MAX_PER_PAGE);
        }
        Alliance alliance = alliances.requireMember(allianceId, brandId);
        List<IntelItem> items = visible(allianceId, -1, only);
        Set<String> ours = new HashSet<>();
        for (SignalClass c : SignalClass.values()) {
            signals.signals(List.of(brandId), c).forEach(s -> ours.add(c.id() + "/" + s.key()));
        }
        int from = Math.min(items.size(), (page - 1) * perPage);
        int to = Math.min(items.size(), from + perPage);
        List<IntelPage.Entry> entries = items.subList(from, to).stream()
                .map(i -> IntelPage.Entry.of(i, ours.contains(i.signalClass().id() + "/" + i.key()))).toList();
        return new IntelPage(allianceId, alliance.name(), WINDOW_DAYS, SharingService.ANONYMITY_FLOOR,
                only.map(SignalClass::id).orElse(null), page, perPage, items.size(), entries);
    }

    /** Every item of the alliance a member may see (all classes, or one), for exports. */
    public List<IntelItem> allVisible(long brandId, long allianceId) {
        alliances.requireMember(allianceId, brandId);
        return visible(allianceId, -1, Optional.empty());
    }

    /** The alliance, for a member. */
    public Alliance alliance(long brandId, long allianceId) {
        return alliances.requireMember(allianceId, brandId);
    }

    private List<IntelItem> visible(long allianceId, long without, Optional<SignalClass> only) {
        List<IntelItem> items = new ArrayList<>();
        for (SignalClass c : SignalClass.values()) {
            if (only.isPresent() && only.get() != c) {
                continue;
            }
            List<SharingMember> sharers = sharing.sharingMembers(allianceId, c);
            List<Long> ids = sharers.stream().map(SharingMember::brandId).toList();
            items.addAll(IntelView.items(c, sharers, signals.signals(ids, c), without));
        }
        return items;
    }

    /**
     * Works out every member's signals again from the rollups, then correlates; returns how many matches were new.
     * Safe to run on several nodes at once (a match is announced by the node that records it), though the job runs it
     * on one at a time.
     */
    public int refresh() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(WINDOW_DAYS - 1L);
        for (long brandId : signals.memberBrands()) {
            List<BrandSignal> own = signals.compute(brandId, from, today.plusDays(1));
            signals.inTransaction(() -> signals.replace(brandId, own));
        }
        int announced = 0;
        for (Map.Entry<Long, List<Long>> alliance : signals.membersByAlliance().entrySet()) {
            announced += correlate(alliance.getKey(), alliance.getValue());
        }
        return announced;
    }

    private int correlate(long allianceId, List<Long> members) {
        int announced = 0;
        for (SignalClass c : SignalClass.values()) {
            List<SharingMember> sharers = sharing.sharingMembers(allianceId, c);
            Set<Long> brands = new HashSet<>(members);
            sharers.forEach(s -> brands.add(s.brandId()));
            List<BrandSignal> all = signals.signals(brands, c);
            Map<Long, Set<String>> own = new LinkedHashMap<>();
            all.forEach(s -> own.computeIfAbsent(s.brandId(), k -> new HashSet<>()).add(s.key()));
            // Read once per class; only new matches, and those more members now see, take a transaction.
            Map<String, Integer> announcedBefore = signals.announced(allianceId, c);
            for (long brandId : members) {
                Set<String> ours = own.getOrDefault(brandId, Set.of());
                if (ours.isEmpty()) {
                    continue;
                }
                for (IntelItem item : IntelView.items(c, sharers, all, brandId)) {
                    Integer before = announcedBefore.get(brandId + "\n" + item.key());
                    if (ours.contains(item.key()) && (before == null || item.members() > before) && match(allianceId, brandId, item)) {
                        announced++;
                    }
                }
            }
        }
        return announced;
    }

    /** Records and raises one match; true when it was new. */
    private boolean match(long allianceId, long brandId, IntelItem item) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String named = String.join("\n", item.namedBrands());
        return signals.inTransaction(() -> {
            Optional<Integer> before = signals.announced(allianceId, brandId, item.signalClass(), item.key());
            if (before.isPresent()) {
                if (item.members() > before.get()
                        && signals.raiseMatch(allianceId, brandId, item.signalClass(), item.key(), before.get(), item.members(), named,
                        item.count(), now)) {
                    alerts.accept(alertOf(allianceId, brandId, item));
                }
                return false;
            }
            if (!signals.insertMatch(allianceId, brandId, item.signalClass(), item.key(), item.members(), named, item.count(), now)) {
                return false;
            }
            alerts.accept(alertOf(allianceId, brandId, item));
            outbox.publish(brandId, WebhookEvents.ALLIANCE_INTEL_MATCHED, event(allianceId, item));
            return true;
        });
    }

    private static AllianceMatch alertOf(long allianceId, long brandId, IntelItem item) {
        return new AllianceMatch(brandId, allianceId, KINDS.get(item.signalClass()), item.key(), item.members(),
                item.namedBrands(), WINDOW_DAYS, item.centre());
    }

    private static final Map<SignalClass, AllianceMatch.Kind> KINDS = new EnumMap<>(Map.of(
            SignalClass.HOTSPOTS, AllianceMatch.Kind.HOTSPOT, SignalClass.SELLERS, AllianceMatch.Kind.SELLER,
            SignalClass.LABEL_HOSTS, AllianceMatch.Kind.HOST, SignalClass.FORGERY_WAVES, AllianceMatch.Kind.WAVE));

    /** The webhook event's data: the item as the brand may see it (counts, and only names shared by name). */
    private static Map<String, Object> event(long allianceId, IntelItem item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allianceId", allianceId);
        data.put("signalClass", item.signalClass().id());
        data.put("key", item.key());
        data.put("otherMembers", item.members());
        data.put("namedMembers", item.namedBrands());
        data.put("count", item.count());
        data.put("firstSeen", item.firstSeen());
        data.put("lastSeen", item.lastSeen());
        if (item.centre() != null) {
            data.put("lat", item.centre().latTenths() / 10.0);
            data.put("lon", item.centre().lonTenths() / 10.0);
        }
        data.put("windowDays", WINDOW_DAYS);
        return data;
    }
}
