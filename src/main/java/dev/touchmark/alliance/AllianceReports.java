package dev.touchmark.alliance;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The alliance's monthly report, for its operator (the command line) and its members (the API): aggregates across
 * members, built from the members' signals of that month under the same privacy rules as the live intelligence.
 */
public final class AllianceReports {
    private static final Comparator<IntelItem> WIDEST_FIRST = Comparator.comparingInt(IntelItem::members).reversed()
            .thenComparing(Comparator.comparingLong(IntelItem::count).reversed()).thenComparing(IntelItem::key);

    private final AllianceRepository alliances;
    private final SharingRepository sharing;
    private final SignalRepository signals;
    private final Clock clock;

    public AllianceReports(AllianceRepository alliances, SharingRepository sharing, SignalRepository signals, Clock clock) {
        this.alliances = alliances;
        this.sharing = sharing;
        this.signals = signals;
        this.clock = clock;
    }

    /** "2026-11" as a month; a 400 naming the field otherwise. */
    public static YearMonth parseMonth(String text) {
        try {
            return YearMonth.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw ValidationException.of("month", "must be a month as YYYY-MM, for example 2026-11");
        }
    }

    /** The operator's report of an alliance for a month. */
    public AllianceMonth forOperator(long allianceId, YearMonth month) {
        Alliance alliance = alliances.find(allianceId)
                .orElseThrow(() -> new NotFoundException("no alliance " + allianceId));
        return build(alliance, month);
    }

    /** A member's copy of the alliance's report; anyone else hears the same 404 as for no such alliance. */
    public AllianceMonth forMember(long brandId, long allianceId, YearMonth month) {
        return build(alliances.requireMember(allianceId, brandId), month);
    }

    private AllianceMonth build(Alliance alliance, YearMonth month) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (month.isAfter(YearMonth.from(today))) {
            throw ValidationException.of("month", month + " has not begun yet");
        }
        if (month.isBefore(YearMonth.from(alliance.createdAt().withOffsetSameInstant(ZoneOffset.UTC)))) {
            throw ValidationException.of("month", "alliance " + alliance.id() + " was created after " + month);
        }
        LocalDate from = month.atDay(1);
        LocalDate to = month.equals(YearMonth.from(today)) ? today.plusDays(1) : month.plusMonths(1).atDay(1);
        Map<SignalClass, AllianceMonth.Sharing> classes = new EnumMap<>(SignalClass.class);
        Map<SignalClass, List<IntelItem>> items = new EnumMap<>(SignalClass.class);
        Map<Long, List<BrandSignal>> monthSignals = new java.util.HashMap<>();
        for (SignalClass c : SignalClass.values()) {
            List<SharingMember> sharers = sharing.sharingMembers(alliance.id(), c);
            int named = (int) sharers.stream().filter(s -> s.level() == SharingLevel.NAMED).count();
            classes.put(c, new AllianceMonth.Sharing(sharers.size(), named, SharingService.floorMet(sharers.size())));
            List<BrandSignal> all = new ArrayList<>();
            for (long brandId : IntelView.contributors(sharers).keySet()) {
                all.addAll(monthSignals.computeIfAbsent(brandId, b -> signals.compute(b, from, to)));
            }
            List<IntelItem> classItems = new ArrayList<>(IntelView.items(c, sharers, all, -1));
            classItems.sort(WIDEST_FIRST);
            items.put(c, classItems);
        }
        int matches = signals.matchesOfAlliance(alliance.id(), from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.atStartOfDay().atOffset(ZoneOffset.UTC));
        return new AllianceMonth(alliance, month, to, classes, items, matches, now);
    }
}
