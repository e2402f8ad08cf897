package dev.touchmark.alliance;

import dev.touchmark.periodic.AllianceInvolvement;
import dev.touchmark.periodic.InvolvedItem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * The alliance section of a brand's regular reports: the items other members share that matched the brand's own
 * signals during the period, as the brand was told of them (counts, and only names shared by name).
 */
public final class ReportInvolvement implements AllianceInvolvement {
    private final SignalRepository signals;

    public ReportInvolvement(SignalRepository signals) {
        this.signals = signals;
    }

    @Override
    public List<InvolvedItem> itemsInvolving(long brandId, LocalDate from, LocalDate toExclusive) {
        return signals.matches(brandId, from.atStartOfDay().atOffset(ZoneOffset.UTC), toExclusive.atStartOfDay().atOffset(ZoneOffset.UTC))
                .stream()
                .map(m -> new InvolvedItem(m.signalClass().id(), m.key(), m.otherMembers(), m.namedBrands(), m.count()))
                .sorted(Comparator.comparingLong(InvolvedItem::count).reversed().thenComparing(InvolvedItem::key))
                .toList();
    }
}
