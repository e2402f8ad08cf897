package dev.touchmark.dashboard;

import java.util.EnumMap;

import dev.touchmark.domain.Verdict;

import dev.touchmark.alert.AlertFilter;
import dev.touchmark.alert.AlertService;
import dev.touchmark.alert.AlertStatus;
import dev.touchmark.alert.AlertView;
import dev.touchmark.alert.Rule;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.i18n.Lang;
import dev.touchmark.verify.VerificationRepository.BatchInfo;
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
    private final VerificationService verification;
    private final Clock clock;

    public DashboardService(DashboardRepository repository, AlertService alerts, VerificationService verification, Clock clock) {
        this.repository = repository;
        this.alerts = alerts;
        this.verification = verification;
        this.clock = clock;
    }

    /** Scans of one day or hour, by kind of verdict. */
    public record Point(String at, long scans, long genuine, long suspect, long notGenuine) {
    }

    /** The overview page. */
    public record Overview(long codesMinted, long scansToday, long scans7Days, long scans30Days, Map<String, Long> verdicts30Days,
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
        long suspect = verdicts.getOrDefault(Verdict.SUSPECT, 0L);
        Map<String, Long> byId = new LinkedHashMap<>();
        verdicts.forEach((verdict, n) -> byId.put(verdict.id(), n));
        return new Overview(repository.codesMinted(brandId), todayScans, week, month, byId,
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

    /** Located scans in a half-degree cell, with its centre. */
    public record CellScans(double lat, double lon, long scans, long suspect) {
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
            countries.add(new CountryScans(country.isEmpty() ? null : country, total, v.getOrDefault(Verdict.SUSPECT, 0L),
                    v.getOrDefault(Verdict.NOT_GENUINE, 0L)));
        });
        List<CellScans> cells = repository.cells(brandId, from, toExclusive).stream()
                .map(c -> new CellScans((c[0] * 5 + 2.5) / 10.0, (c[1] * 5 + 2.5) / 10.0, c[2], c[3])).toList();
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

    /** A code looked up by its brand: whether it verifies, its batch, its state and its scans. */
    public record CodeLookup(boolean valid, String reason, String batchId, String index, String serial, String product, String lot,
                             LocalDate expiry, String batchStatus, DashboardRepository.CodeState state,
                             List<DashboardRepository.ScanRow> scans) {
    }

    public CodeLookup lookUp(long brandId, String text) {
        if (text == null || text.isBlank() || text.length() > 4096) {
            throw ValidationException.of("code", "paste the URL of a label, or its payload");
        }
        VerificationService.Check check = verification.lookUp(text.strip());
        if (check.answer() != null) {
            return new CodeLookup(false, check.answer().reason().id(), null, null, null, null, null, null, null, null, List.of());
        }
        if (check.brandId() != brandId) {
            throw new NotFoundException("this is not a code of your brand");
        }
        String batch = check.batchId() == null ? null : Long.toString(check.batchId());
        String index = check.index() == null ? null : Long.toString(check.index());
        if (check.reason() != null) {
            return new CodeLookup(false, check.reason().id(), batch, index, null, null, null, null, null, null, List.of());
        }
        BatchInfo b = check.batch();
        long i = check.index();
        return new CodeLookup(true, null, batch, index, check.code().serial(), b.productName(), b.lot(), b.expiry(), b.status().id(),
                repository.codeState(brandId, b.id(), i).orElse(null), repository.scans(brandId, b.id(), i, 200));
    }
}
