package dev.touchmark.periodic;

import dev.touchmark.access.Principal;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.error.Validator;
import dev.touchmark.webhook.WebhookEvents;
import dev.touchmark.webhook.WebhookOutbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A brand's weekly and monthly reports: generated once per installation after each period ends (for the kinds the
 * brand's schedule names) or on request for any ended period, stored with their PDF and CSV, announced with the
 * {@code report.ready} webhook in the transaction that marks them ready.
 */
public final class PeriodicReportService {
    /** Who asked for the reports the schedule generates. */
    public static final String SCHEDULE = "schedule";
    /** How many pending reports one poll generates at most. */
    private static final int PER_POLL = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReportService.class);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final PeriodicReportRepository repository;
    private final ReportCalculator calculator;
    private final WebhookOutbox webhooks;
    private final Clock clock;
    private final Duration lease;

    public PeriodicReportService(PeriodicReportRepository repository, AllianceInvolvement alliance, WebhookOutbox webhooks,
                                 Clock clock, Duration lease) {
        this.repository = repository;
        this.calculator = new ReportCalculator(repository, alliance, clock);
        this.webhooks = webhooks;
        this.clock = clock;
        this.lease = lease;
    }

    /** A report asked for: the report, and whether this request added it. */
    public record Requested(PeriodicReport report, boolean created) {
    }

    /** A page of the brand's reports, newest first. */
    public List<PeriodicReport> list(long brandId, int limit, Long beforeId) {
        return repository.list(brandId, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    /** One report of the brand; NotFoundException for another brand's. */
    public PeriodicReport get(long brandId, long id) {
        return repository.find(brandId, id).orElseThrow(() -> notFound(id));
    }

    /** The PDF of a ready report of the brand. */
    public byte[] pdf(long brandId, long id) {
        return file(brandId, id, true);
    }

    /** The CSV of a ready report of the brand. */
    public byte[] csv(long brandId, long id) {
        return file(brandId, id, false);
    }

    private byte[] file(long brandId, long id, boolean pdf) {
        PeriodicReport report = get(brandId, id);
        return repository.file(brandId, id, pdf).orElseThrow(() -> new ConflictException(
                "report " + report.id() + " is still being generated; try again in a moment"));
    }

    /**
     * Generates the brand's report for an ended period, or answers the one it has: a period is a kind ("weekly",
     * "monthly") and its first day (a Monday, or the first of a month; UTC). Refuses periods that have not ended and
     * periods that ended before the brand existed.
     */
    public Requested request(Principal principal, String kind, String start) {
        ReportPeriod period = parse(kind, start);
        long brandId = principal.brandId();
        PeriodicReportRepository.BrandSchedule brand = repository.brandSchedule(brandId)
                .orElseThrow(() -> new NotFoundException("no brand " + brandId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        new Validator()
                .check(period.endedBy(now), "start", "the " + kind + " period from " + period.start() + " ends at "
                        + period.endsAt() + " (UTC); reports cover periods that have ended")
                .check(!period.lastDay().isBefore(brand.createdOn()), "start", "the period ended before the brand existed (it was "
                        + "created on " + brand.createdOn() + ")")
                .throwIfInvalid();
        OffsetDateTime leaseUntil = leaseFrom(now);
        boolean created = repository.insertIfAbsent(brandId, period, principal.actor(), now, leaseUntil);
        PeriodicReport report = repository.find(brandId, period).orElseThrow();
        var pending = new PeriodicReportRepository.Pending(Long.parseLong(report.id()), brandId, period);
        if (created) {
            generateClaimed(pending, brand.name(), leaseUntil);
            report = repository.find(brandId, period).orElseThrow();
        } else if (PeriodicReport.PENDING.equals(report.status())) {
            generate(pending, brand.name());
            report = repository.find(brandId, period).orElseThrow();
        }
        return new Requested(report, created);
    }

    static ReportPeriod parse(String kind, String start) {
        Optional<PeriodKind> k = PeriodKind.of(kind == null ? "" : kind);
        LocalDate day = null;
        try {
            day = start == null ? null : LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            // answered below
        }
        new Validator()
                .check(k.isPresent(), "kind", "must be weekly or monthly")
                .check(day != null, "start", "must be the period's first day as YYYY-MM-DD")
                .throwIfInvalid();
        if (!k.get().startsOn(day)) {
            throw ValidationException.of("start", k.get().id() + " periods start on " + k.get().startRule() + " (UTC); "
                    + day + " is not one; the period that contains it starts on " + k.get().startOf(day));
        }
        return ReportPeriod.of(k.get(), day);
    }

    /** The brand's schedule. */
    public ReportSchedule schedule(long brandId) {
        return repository.brandSchedule(brandId).map(PeriodicReportRepository.BrandSchedule::schedule)
                .orElseThrow(() -> new NotFoundException("no brand " + brandId));
    }

    /** Sets which regular reports the brand gets. */
    public ReportSchedule changeSchedule(Principal principal, Boolean weekly, Boolean monthly) {
        new Validator()
                .check(weekly != null, "weekly", "must be true or false")
                .check(monthly != null, "monthly", "must be true or false")
                .throwIfInvalid();
        repository.saveSchedule(principal.brandId(), weekly, monthly, OffsetDateTime.now(clock), principal.actor());
        return schedule(principal.brandId());
    }

    /**
     * One pass of the scheduler: adds, for every brand, the report of the period of each kind it wants that ended
     * last (unless it has it), then generates the pending reports no other node holds. Returns how many it generated.
     */
    public int runDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
        for (PeriodicReportRepository.BrandSchedule brand : repository.brandSchedules()) {
            for (PeriodKind kind : PeriodKind.values()) {
                ReportPeriod last = ReportPeriod.of(kind, kind.startOf(today)).previous();
                if (brand.schedule().wants(kind) && !last.lastDay().isBefore(brand.createdOn())) {
                    repository.insertIfAbsent(brand.brandId(), last, SCHEDULE, now, null);
                }
            }
        }
        int generated = 0;
        for (PeriodicReportRepository.Pending pending : repository.due(now, PER_POLL)) {
            String name = repository.brandSchedule(pending.brandId()).map(PeriodicReportRepository.BrandSchedule::name).orElse("");
            try {
                generated += generate(pending, name) ? 1 : 0;
            } catch (RuntimeException e) {
                // logged by generate; the others still get their turn
            }
        }
        return generated;
    }

    /**
     * Claims a pending report, computes it and stores it; true if this call made it ready. The report.ready webhook is
     * queued in the transaction that marks it ready, so it goes out exactly when the report can be downloaded.
     */
    boolean generate(PeriodicReportRepository.Pending pending, String brandName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime leaseUntil = leaseFrom(now);
        return repository.claim(pending.id(), now, leaseUntil) && generateClaimed(pending, brandName, leaseUntil);
    }

    private OffsetDateTime leaseFrom(OffsetDateTime now) {
        return now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Computes, stores and announces a report this node holds the lease of (until leaseUntil). */
    private boolean generateClaimed(PeriodicReportRepository.Pending pending, String brandName, OffsetDateTime leaseUntil) {
        try {
            long started = System.nanoTime();
            long cpuStarted = CPU.getCurrentThreadCpuTime();
            ReportData data = calculator.compute(pending.brandId(), brandName, pending.period());
            long computed = System.nanoTime();
            byte[] pdf = ReportPdf.write(data);
            byte[] csv = ReportCsv.write(data);
            long written = System.nanoTime();
            boolean ready = repository.inTransaction(() -> {
                if (!repository.markReady(pending.id(), leaseUntil, pdf, csv, OffsetDateTime.now(clock))) {
                    return false;
                }
                webhooks.publish(pending.brandId(), WebhookEvents.REPORT_READY,
                        repository.find(pending.brandId(), pending.id()).orElseThrow());
                return true;
            });
            // CPU time of this thread: with the embedded database it includes the queries, and it says what a report
            // costs when the wall-clock time is mostly waiting for a busy machine.
            LOG.info("Report {} ({} {} of brand {}) {} in {} ms (CPU {} ms): numbers {} ms, PDF and CSV {} ms", pending.id(),
                    pending.period().kind().id(), pending.period().start(), pending.brandId(),
                    ready ? "generated" : "was taken over by another node", millis(started, System.nanoTime()),
                    millis(cpuStarted, CPU.getCurrentThreadCpuTime()), millis(started, computed), millis(computed, written));
            return ready;
        } catch (RuntimeException e) {
            LOG.warn("Generating report {} failed; it is tried again at the next poll", pending.id(), e);
            repository.release(pending.id(), leaseUntil);
            throw e;
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no report " + id + " for this brand");
    }
}
