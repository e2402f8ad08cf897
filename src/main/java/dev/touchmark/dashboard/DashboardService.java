package dev.touchmark.dashboard;

import java.util.EnumMap;

import dev.touchmark.domain.Verdict;

import dev.touchmark.alert.AlertFilter;
import dev.touchmark.alert.AlertService;
import dev.touchmark.alert.AlertStatus;
import dev.touchmark.alert.AlertView;
import dev.touchmark.alert.Rule;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.i18n.Lang;
import dev.touchmark.verify.VerificationService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dashboard's overview, map and code lookup show, computed from rollups. */
public final class DashboardService {
    private final DashboardRepository repository;
    private final AlertService alerts;
    private final CodeLookups lookups;
    private final Clock clock;

    public DashboardService(DashboardRepository repository, AlertService alerts, VerificationService verification, Clock clock) {
        this.repository = repository;
        this.alerts = alerts;
        this.lookups = new CodeLookups(repository, verification);
        this.clock = clock;
    }

    /** Scans of one day or hour, by kind of verdict. */
    public record Point(String at, long scans, long genuine, long suspect, long notGenuine) {
    }

    /** The overview page: codesMinted are the codes of released (and recalled) batches, codesInDrafts those of drafts. */
    public record Overview(long codesMinted, long codesInDrafts, long scansToday, long scans7Days, long scans30Days,
                           Map<String, Long> verdicts30Days,
                           double genuineShare, double suspectShare, Map<String, Integer> openAlerts, List<Point> daily,
                           List<Point> hourly) {
    }

    public Overview overview(long brandId) {
        return overview(brandId, null);
    }

    /**
     * The overview page; with a range of days (UTC, both inclusive), {@code daily} covers those days instead of the
     * last 30 (every other field stays as it is), so a period's scans can be read back day by day.
     */
    public Overview overview(long brandId, DayRange range) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        Map<LocalDate, Map<Verdict, Long>> byDay = repository.scansByDay(brandId, today.minusDays(29), today.plusDays(1));
        long todayScans = 0;
        long week = 0;
        long month = 0;
        Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        List<Point> daily = new ArrayList<>();
        for (LocalDate d = today.minusDays(29); !d.isAfter(today); d = d.plusDays(1)) {
            Map<Verdict, Long> v = byDay.getOrDefault(d, Map.of());
            Point p = point(d.toString(), v);
            daily.add(p);
            month += p.scans();
            week += d.isAfter(today.minusDays(7)) ? p.scans() : 0;
            todayScans += d.equals(today) ? p.scans() : 0;
            v.forEach((verdict, n) -> verdicts.merge(verdict, n, Long::sum));
        }
        OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
        Map<OffsetDateTime, Map<Verdict, Long>> byHour = repository.scansByHour(brandId, hour.minusHours(47));
        List<Point> hourly = new ArrayList<>();
        for (OffsetDateTime h = hour.minusHours(47); !h.isAfter(hour); h = h.plusHours(1)) {
            hourly.add(point(h.toString(), byHour.getOrDefault(h, Map.of())));
        }
        if (range != null) {
            Map<LocalDate, Map<Verdict, Long>> inRange = repository.scansByDay(brandId, range.from(), range.to().plusDays(1));
            daily = new ArrayList<>();
            for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                daily.add(point(d.toString(), inRange.getOrDefault(d, Map.of())));
            }
        }
        long genuine = verdicts.getOrDefault(Verdict.GENUINE, 0L) + verdicts.getOrDefault(Verdict.SEEN_BEFORE, 0L);
        long suspect = verdicts.entrySet().stream().filter(e -> e.getKey().isSuspect()).mapToLong(Map.Entry::getValue).sum();
        Map<String, Long> byId = new LinkedHashMap<>();
        verdicts.forEach((verdict, n) -> byId.put(verdict.id(), n));
        return new Overview(repository.codesMinted(brandId), repository.codesInDrafts(brandId), todayScans, week, month, byId,
                month == 0 ? 0 : (double) genuine / month, month == 0 ? 0 : (double) suspect / month,
                repository.openAlertsBySeverity(brandId), daily, hourly);
    }

    private static Point point(String at, Map<Verdict, Long> verdicts) {
        long total = verdicts.values().stream().mapToLong(Long::longValue).sum();
        long genuine = verdicts.getOrDefault(Verdict.GENUINE, 0L) + verdicts.getOrDefault(Verdict.SEEN_BEFORE, 0L);
        return new Point(at, total, genuine, verdicts.getOrDefault(Verdict.SUSPECT, 0L),
                verdicts.getOrDefault(Verdict.NOT_GENUINE, 0L));
    }

    /** Scans of a country. */
    public record CountryScans(String country, long scans, long suspect, long notGenuine) {
    }

    /**
     * Located scans in a half-degree cell, with its centre: suspect counts its suspect scans, suspectCodes the
     * distinct suspect codes seen there (the count a hotspot alert on the cell states); both use one definition of
     * suspect, {@link Verdict#isSuspect()}.
     */
    public record CellScans(double lat, double lon, long scans, long suspect, long suspectCodes) {
    }

    /** The map page: scans per country, located scans per cell, and the open hotspots. */
    public record MapData(int days, List<CountryScans> countries, List<CellScans> cells, List<AlertView> hotspots) {
    }

    /** Days from one to another, both inclusive (UTC). */
    public record DayRange(LocalDate from, LocalDate to) {
        /** How many days the range covers. */
        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /** The map of the last days, the hotspots' summaries in a language. */
    public MapData map(long brandId, int days, Lang lang) {
        LocalDate today = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        return map(brandId, new DayRange(today.minusDays(days - 1L), today), lang);
    }

    /** The map of a range of days (countries and cells; the hotspots are the open ones), summaries in a language. */
    public MapData map(long brandId, DayRange range, Lang lang) {
        LocalDate from = range.from();
        LocalDate toExclusive = range.to().plusDays(1);
        int days = (int) range.days();
        List<CountryScans> countries = new ArrayList<>();
        repository.scansByCountry(brandId, from, toExclusive).forEach((country, v) -> {
            long total = v.values().stream().mapToLong(Long::longValue).sum();
            long suspect = v.entrySet().stream().filter(e -> e.getKey().isSuspect()).mapToLong(Map.Entry::getValue).sum();
            countries.add(new CountryScans(country.isEmpty() ? null : country, total, suspect,
                    v.getOrDefault(Verdict.NOT_GENUINE, 0L)));
        });
        Map<String, Long> suspectCodes = repository.suspectCodesByCell(brandId, from.atStartOfDay().atOffset(ZoneOffset.UTC),
                toExclusive.atStartOfDay().atOffset(ZoneOffset.UTC));
        List<CellScans> cells = repository.cells(brandId, from, toExclusive).stream()
                .map(c -> new CellScans((c[0] * 5 + 2.5) / 10.0, (c[1] * 5 + 2.5) / 10.0, c[2], c[3],
                        suspectCodes.getOrDefault(c[0] + ":" + c[1], 0L))).toList();
        List<AlertView> hotspots = alerts.list(brandId, new AlertFilter(Optional.of(AlertStatus.OPEN), Optional.of(Rule.HOTSPOT),
                Optional.empty(), Optional.empty(), dev.touchmark.domain.TimeWindow.ANY), 500, null).stream().map(a -> AlertView.of(a, lang)).toList();
        return new MapData(days, countries, cells, hotspots);
    }

    /** Scans of a batch by kind of verdict. */
    public record BatchScans(String batchId, long scans, long genuine, long suspect, long notGenuine) {
    }

    /** Scans per batch in a range of days. */
    public record BatchStats(LocalDate from, LocalDate to, List<BatchScans> batches) {
    }

    /** The scans of each of the brand's batches in a range of days (UTC), from the hourly rollup. */
    public BatchStats batches(long brandId, DayRange range) {
        List<BatchScans> batches = new ArrayList<>();
        repository.scansByBatch(brandId, range.from().atStartOfDay().atOffset(ZoneOffset.UTC),
                range.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).forEach((batch, v) -> {
                    Point p = point("", v);
                    batches.add(new BatchScans(Long.toString(batch), p.scans(), p.genuine(), p.suspect(), p.notGenuine()));
                });
        return new BatchStats(range.from(), range.to(), batches);
    }

    /**
     * A code looked up by its brand from what a shopper quotes: a label's URL or payload, a serial number or a scan
     * reference (see {@link LookupQuery}).
     */
    public CodeLookups.CodeLookup lookUp(long brandId, String text) {
        return lookups.lookUp(brandId, text);
    }

    /** Scans of a batch's codes in one country (null when unknown). */
    public record ProgressCountry(String country, long scans, long codes, long suspect) {
    }

    /**
     * How far a batch has reached shoppers: codes minted, distinct codes scanned at least once (and their share),
     * scans in all, suspect scans, codes with a suspect verdict, and the countries with the most scans.
     */
    public record BatchProgress(String batchId, long codesMinted, long codesScanned, double scannedShare, long scans,
                                long suspectScans, long suspectCodes, int countryCount, List<ProgressCountry> topCountries) {
    }

    /** Countries listed in a batch's progress at most. */
    static final int TOP_COUNTRIES = 10;

    /** A batch's progress, from the rollups the scan writer keeps; another brand's batch is not found. */
    public BatchProgress batchProgress(long brandId, long batchId) {
        DashboardRepository.BatchFacts batch = repository.batches(brandId, List.of(batchId)).get(batchId);
        if (batch == null) {
            throw new NotFoundException("no batch with id " + batchId);
        }
        List<DashboardRepository.BatchCountry> countries = new ArrayList<>(repository.batchCountries(brandId, batchId));
        long codes = countries.stream().mapToLong(DashboardRepository.BatchCountry::codes).sum();
        long scans = countries.stream().mapToLong(DashboardRepository.BatchCountry::scans).sum();
        long suspect = countries.stream().mapToLong(DashboardRepository.BatchCountry::suspect).sum();
        countries.sort(java.util.Comparator.comparingLong(DashboardRepository.BatchCountry::scans).reversed()
                .thenComparing(DashboardRepository.BatchCountry::country));
        List<ProgressCountry> top = countries.stream().limit(TOP_COUNTRIES)
                .map(c -> new ProgressCountry(c.country().isEmpty() ? null : c.country(), c.scans(), c.codes(), c.suspect()))
                .toList();
        return new BatchProgress(Long.toString(batchId), batch.quantity(), codes, (double) codes / batch.quantity(), scans, suspect,
                repository.suspectCodes(brandId, batchId), countries.size(), top);
    }
}
