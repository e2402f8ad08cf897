package dev.touchmark.periodic;

import dev.touchmark.domain.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Computes a report's numbers for a brand and period from the repository's reads. */
final class ReportCalculator {
    /** How many countries, cells and batches a report lists. */
    static final int TOP = 10;
    private final PeriodicReportRepository repository;
    private final AllianceInvolvement alliance;
    private final Clock clock;

    ReportCalculator(PeriodicReportRepository repository, AllianceInvolvement alliance, Clock clock) {
        this.repository = repository;
        this.alliance = alliance;
        this.clock = clock;
    }

    ReportData compute(long brandId, String brandName, ReportPeriod period) {
        Map<LocalDate, Map<Verdict, Long>> byDay = repository.scansByDay(brandId, period);
        List<ReportData.Day> days = new ArrayList<>();
        for (LocalDate d = period.start(); d.isBefore(period.endExclusive()); d = d.plusDays(1)) {
            Map<Verdict, Long> v = byDay.getOrDefault(d, Map.of());
            days.add(new ReportData.Day(d, total(v), genuine(v), v.getOrDefault(Verdict.SUSPECT, 0L),
                    v.getOrDefault(Verdict.NOT_GENUINE, 0L)));
        }
        List<ReportData.CountryRow> countries = new ArrayList<>();
        repository.scansByCountry(brandId, period).forEach((country, v) -> countries.add(new ReportData.CountryRow(country,
                total(v), v.getOrDefault(Verdict.SUSPECT, 0L), v.getOrDefault(Verdict.NOT_GENUINE, 0L))));
        countries.sort(Comparator.comparingLong(ReportData.CountryRow::scans).reversed().thenComparing(ReportData.CountryRow::country));
        List<ReportData.BatchRow> batches = new ArrayList<>();
        repository.scansByBatch(brandId, period).forEach((batch, v) -> batches.add(new ReportData.BatchRow(batch, null, total(v),
                genuine(v), v.getOrDefault(Verdict.SUSPECT, 0L), v.getOrDefault(Verdict.NOT_GENUINE, 0L))));
        List<ReportData.BatchRow> affected = batches.stream().filter(b -> b.affected() > 0)
                .sorted(Comparator.comparingLong(ReportData.BatchRow::affected).reversed().thenComparingLong(ReportData.BatchRow::batchId))
                .limit(TOP).toList();
        Map<Long, String> lots = repository.lots(brandId, affected.stream().map(ReportData.BatchRow::batchId).toList());
        List<ReportData.CountryCount> reports = repository.shopperReportsByCountry(brandId, period);
        return new ReportData(brandName, period, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), days,
                countries.stream().limit(TOP).toList(), repository.topCells(brandId, period, TOP), alertsByRule(brandId, period),
                acknowledgement(brandId, period),
                affected.stream().map(b -> new ReportData.BatchRow(b.batchId(), lots.get(b.batchId()), b.scans(), b.genuine(),
                        b.suspect(), b.notGenuine())).toList(),
                new ReportData.ShopperReports(reports.stream().mapToLong(ReportData.CountryCount::count).sum(), reports),
                List.copyOf(alliance.itemsInvolving(brandId, period.start(), period.endExclusive())));
    }

    private List<ReportData.RuleRow> alertsByRule(long brandId, ReportPeriod period) {
        Map<String, long[]> byRule = new java.util.TreeMap<>();
        for (Object[] row : repository.alertsByRuleAndStatus(brandId, period)) {
            long[] counts = byRule.computeIfAbsent((String) row[0], r -> new long[4]);
            counts[statusIndex((String) row[1])] += (Long) row[2];
        }
        List<ReportData.RuleRow> rows = new ArrayList<>();
        byRule.forEach((rule, c) -> rows.add(new ReportData.RuleRow(rule, c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3])));
        rows.sort(Comparator.comparingLong(ReportData.RuleRow::raised).reversed().thenComparing(ReportData.RuleRow::rule));
        return rows;
    }

    private static int statusIndex(String status) {
        return switch (status) {
            case "open" -> 0;
            case "acknowledged" -> 1;
            case "resolved" -> 2;
            default -> 3;
        };
    }

    private ReportData.Acknowledgement acknowledgement(long brandId, ReportPeriod period) {
        long raised = repository.alertsByRuleAndStatus(brandId, period).stream().mapToLong(r -> (Long) r[2]).sum();
        List<Long> delays = repository.firstMovesOutOfOpen(brandId, period).stream()
                .map(m -> Math.max(0, Duration.between(m[0], m[1]).getSeconds())).sorted().toList();
        if (delays.isEmpty()) {
            return new ReportData.Acknowledgement(raised, 0, null, null);
        }
        return new ReportData.Acknowledgement(raised, delays.size(), delays.get((delays.size() - 1) / 2), delays.get(delays.size() - 1));
    }

    /** Scans of every verdict. */
    static long total(Map<Verdict, Long> verdicts) {
        return verdicts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Genuine scans as the overview counts them: first scans and "seen before". */
    static long genuine(Map<Verdict, Long> verdicts) {
        return verdicts.getOrDefault(Verdict.GENUINE, 0L) + verdicts.getOrDefault(Verdict.SEEN_BEFORE, 0L);
    }
}
