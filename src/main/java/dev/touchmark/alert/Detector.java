package dev.touchmark.alert;

import dev.touchmark.domain.BatchStatus;

import dev.touchmark.domain.Place;

import dev.touchmark.domain.LocatedScan;
import dev.touchmark.domain.Verdict;

import dev.touchmark.scan.Assessment;
import dev.touchmark.scan.CodeHistory;
import dev.touchmark.scan.ScanCounts;
import dev.touchmark.scan.ScanJudge;
import dev.touchmark.scan.ScanToRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules, evaluated incrementally on the scan writer's thread: each scan is scored from its code's state
 * (kept by the writer) and a few indexed lookups, and each group's hits become alerts in the group's
 * transaction. Nothing here scans a table.
 */
public final class Detector implements ScanJudge {
    /** Located scans closer than this are never impossible travel: locations are rounded to about 10 km. */
    static final double MIN_TRAVEL_KM = 50;
    /** How far back codes seen outside their markets count towards a diversion alert. */
    static final int MARKET_DAYS = 30;
    /** The country under which market_sighting keeps a batch's codes seen outside its markets in any country. */
    static final String ANY_COUNTRY = "*";
    /** Consecutive indexes of a batch counted together for duplicate print runs. */
    static final int RUN_BLOCK = 64;
    /** Run windows overlap by half a block: a code is counted in its block and in the window across its block's nearer border. */
    static final int RUN_HALF = RUN_BLOCK / 2;
    private final AlertRepository alerts;
    private final DetectionRepository detection;
    private final RuleBook rules;
    private final AlertNotifier notifier;
    private final ScanCounts counts;
    private final Clock clock;
    private final BurstWatch bursts;
    // Writer-thread state: facts found while assessing, used when the group's alerts are raised.
    private final Map<Long, AlertTexts.Travel> travels = new HashMap<>();
    /** Scans judged impossible travel from their country header (when no located move already was), by scan id. */
    private final Map<Long, AlertTexts.CountryMove> countryTravels = new HashMap<>();
    /** Whether the cells of the group in hand have an open hotspot, by "brandId/cell" (read as the group starts). */
    private final Map<String, Boolean> hotspotsSeen = new HashMap<>();
    /** Whether a batch is still a draft as the database holds it, asked once per batch and group. */
    private final Map<Long, Boolean> draftsSeen = new HashMap<>();
    /** Alerts of counting rules this group opens ("brandId/rule/subject"): their earlier codes are listed once. */
    private final java.util.Set<String> opening = new java.util.HashSet<>();
    /** Lot numbers of batches (which never change), for alert texts; read by the writer and by request threads. */
    private final Map<Long, Optional<String>> lots = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_LOTS = 10_000;
    /** Quantities of batches, for overrun texts; read by the writer only. */
    private final Map<Long, Long> quantities = new HashMap<>();

    public Detector(AlertRepository alerts, DetectionRepository detection, RuleBook rules, AlertNotifier notifier,
                    ScanCounts counts, Clock clock) {
        this.alerts = alerts;
        this.detection = detection;
        this.rules = rules;
        this.notifier = notifier;
        this.counts = counts;
        this.clock = clock;
        this.bursts = new BurstWatch(detection, rules, clock);
    }

    @Override
    public Assessment assess(ScanToRecord scan, CodeHistory history, long scanId, OffsetDateTime now) {
        RuleSettings settings = rules.get(scan.brandId());
        boolean travel = false;
        if (scan.tracksCode() && scan.located() && history != null) {
            Optional<AlertTexts.Travel> move = move(history.previousLocated(),
                    new LocatedScan(scanId, now, scan.place().latTenths(), scan.place().lonTenths()));
            if (move.isPresent() && move.get().kmh() > settings.travelKmh()) {
                travels.put(scanId, move.get());
                travel = true;
            }
        }
        if (!travel && scan.tracksCode() && history != null) {
            Optional<AlertTexts.CountryMove> hop = countryMove(history, scan.shopper().country(), now);
            if (hop.isPresent() && hop.get().kmh() > settings.travelKmh()) {
                countryTravels.put(scanId, hop.get());
                travel = true;
            }
        }
        boolean inHotspot = scan.located() && isHotspot(scan.brandId(), scan.place().cell());
        return RiskAssessor.assess(settings, scan, history, new RiskAssessor.Signals(travel, inHotspot,
                RiskAssessor.latePhone(settings, history, now), RiskAssessor.otherCountry(scan, history)));
    }

    /** A link preview or a staff check: scored from the code's history for the verdict only; nothing is saved. */
    @Override
    public Assessment assessUncounted(ScanToRecord scan, CodeHistory history) {
        return RiskAssessor.assess(rules.get(scan.brandId()), scan, history, RiskAssessor.Signals.NONE);
    }

    @Override
    public void startGroup(List<ScanToRecord> group) {
        travels.clear();
        countryTravels.clear();
        hotspotsSeen.clear();
        draftsSeen.clear();
        opening.clear();
        // The open hotspots among the cells the group's located scans are in, read in one query per brand.
        Map<Long, java.util.Set<String>> cells = new HashMap<>();
        for (ScanToRecord scan : group) {
            if (scan.counted() && scan.located()) {
                cells.computeIfAbsent(scan.brandId(), b -> new java.util.HashSet<>()).add(scan.place().cell());
            }
        }
        cells.forEach((brand, inGroup) -> {
            java.util.Set<String> open = detection.openHotspots(brand, inGroup);
            inGroup.forEach(cell -> hotspotsSeen.put(brand + "/" + cell, open.contains(cell)));
        });
    }

    @Override
    public void afterWrite(List<Judged> group, OffsetDateTime now) {
        List<Hit> hits = new ArrayList<>();
        try {
            Map<Long, Long> releasedBatches = new HashMap<>();
            Map<Long, Long> groupScans = new HashMap<>();
            OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
            for (Judged j : group) {
                ScanToRecord s = j.scan();
                if (!s.counted()) {
                    continue; // a link preview or a staff check: no rule (the writer does not pass them)
                }
                if (s.tracksCode() && s.batchStatus() == BatchStatus.RELEASED) {
                    releasedBatches.put(s.batchId(), s.brandId());
                    groupScans.merge(s.batchId(), 1L, Long::sum);
                }
                raiseFor(j, now, hits);
            }
            bursts.check(releasedBatches, groupScans, hour, now, hits);
            raiseInOrder(hits);
        } finally {
            travels.clear();
            countryTravels.clear();
            hotspotsSeen.clear();
            draftsSeen.clear();
            opening.clear();
        }
    }

    /**
     * Raises hits in the order of the alert rows they go to. Every transaction that raises alerts takes their rows in
     * that order (after the codes' state rows, before the rollups), so two groups raising the same alerts never wait
     * for each other in a cycle.
     */
    private void raiseInOrder(List<Hit> hits) {
        hits.sort(HIT_ORDER); // stable: one alert's hits keep the order of their scans
        raise(hits);
    }

    private static final Comparator<Hit> HIT_ORDER = Comparator.comparingLong(Hit::brandId)
            .thenComparing(h -> h.rule().id()).thenComparing(Hit::subject);

    private void raiseFor(Judged j, OffsetDateTime now, List<Hit> hits) {
        ScanToRecord s = j.scan();
        Assessment a = j.assessment();
        if (a.reasons().isEmpty()) {
            return;
        }
        RuleSettings settings = rules.get(s.brandId());
        AlertText note = AlertTexts.scanNote(j.outcome().verdict(), s.shopper().country(), s.place());
        for (String id : a.reasons()) {
            RiskReason reason = RiskReason.of(id).orElseThrow();
            if (s.batchStatus() == BatchStatus.DRAFT && reason != RiskReason.NOT_RELEASED) {
                // Any scan of a draft batch is a leak from the printer: that one alert says it all (its labels were
                // never sold, so they cannot have been diverted, and any phone scanning them is already too many).
                continue;
            }
            switch (reason) {
                case MANY_DEVICES -> hits.add(hit(s, j, Rule.CLONED_CODE, codeSubject(s), AlertTexts.cloned(s.batchId(), lot(s.batchId()), s.codeIndex(),
                        j.history().deviceCount(), settings.cloneDevices()),
                        j.history().deviceSeenBefore() ? note : AlertTexts.clonedNote(j.history().deviceCount(), s.shopper().country()), now));
                case IMPOSSIBLE_TRAVEL -> {
                    AlertTexts.Travel t = travels.get(j.scanId());
                    if (t == null) {
                        AlertTexts.CountryMove m = countryTravels.get(j.scanId());
                        hits.add(hit(s, j, Rule.IMPOSSIBLE_TRAVEL, codeSubject(s), AlertTexts.countryTravel(s.batchId(),
                                lot(s.batchId()), s.codeIndex(), m, settings.travelKmh()), AlertTexts.countryTravelNote(m), now));
                        break;
                    }
                    hits.add(hit(s, j, Rule.IMPOSSIBLE_TRAVEL, codeSubject(s), AlertTexts.travel(s.batchId(), lot(s.batchId()), s.codeIndex(), t,
                            settings.travelKmh()), AlertTexts.travelNote(t), now));
                }
                case OUT_OF_MARKET -> {
                    if (!divertedScan(j)) {
                        // A phone that scanned the code before, first inside its markets: its owner is travelling.
                        break;
                    }
                    diverted(s, j, settings, note, now, hits);
                    spread(s, j, settings, now, hits);
                    if (s.batchStatus() == BatchStatus.RELEASED && j.history() != null && j.history().firstScan()) {
                        // One phone's first scan abroad: a copy of a reprinted label as often as a diverted one. It joins
                        // the run alert of its window, if there is one (a diverted case's codes have none).
                        secondPhone(s, j, settings, now, hits);
                    }
                }
                case NOT_RELEASED -> {
                    // A leak is a shopper's scan of a batch still a draft. Staff checks never get here (they do not
                    // count); a scan that a node's catalog judged in the second after the batch's release elsewhere
                    // is not one either.
                    if (draftsSeen.computeIfAbsent(s.batchId(), detection::isDraft)) {
                        hits.add(batchHit(s, j, Rule.UNRELEASED_SCAN, note, now));
                    }
                }
                case RECALLED -> hits.add(batchHit(s, j, Rule.RECALLED_SCAN, note, now));
                case VOIDED -> hits.add(batchHit(s, j, Rule.VOIDED_SCAN, note, now));
                case FORGED -> hits.add(hit(s, j, Rule.FORGED_CODE, s.batchId() == null ? "brand" : "batch:" + s.batchId(),
                        AlertTexts.forged(s.batchId(), lot(s.batchId()), s.notGenuineReason()), note.then(AlertTexts.reason(s.notGenuineReason())),
                        now));
                case LATE_DEVICE -> {
                    run(s, j, settings, now, hits);
                    if (j.outcome().verdict().isSuspect() && !a.reasons().contains(RiskReason.MANY_DEVICES.id())) {
                        // Suspect with a new phone weeks after the sale, under the clone threshold: a slow clone.
                        long days = Duration.between(j.history().firstScanAt(), now).toDays();
                        hits.add(hit(s, j, Rule.CLONED_CODE, codeSubject(s), AlertTexts.clonedLate(s.batchId(), lot(s.batchId()),
                                s.codeIndex(), j.history().deviceCount(), days), AlertTexts.clonedNote(j.history().deviceCount(),
                                s.shopper().country()), now));
                    }
                }
                case OTHER_COUNTRY -> {
                    if (a.reasons().contains(RiskReason.LATE_DEVICE.id())) {
                        break; // counted for its run, and raised if suspect, as a late phone
                    }
                    run(s, j, settings, now, hits);
                    if (j.outcome().verdict().isSuspect() && !a.reasons().contains(RiskReason.MANY_DEVICES.id())) {
                        // Suspect with a new phone in another country of the markets, under the clone threshold.
                        hits.add(hit(s, j, Rule.CLONED_CODE, codeSubject(s), AlertTexts.clonedElsewhere(s.batchId(),
                                lot(s.batchId()), s.codeIndex(), j.history().deviceCount(), s.shopper().country(),
                                j.history().firstCountry()), AlertTexts.clonedNote(j.history().deviceCount(),
                                s.shopper().country()), now));
                    }
                }
                case OVERRUN -> {
                    long quantity = quantity(s.batchId());
                    hits.add(hit(s, j, Rule.OVERRUN, "batch:" + s.batchId(), AlertTexts.overrun(s.batchId(), lot(s.batchId()), quantity),
                            note.then(AlertTexts.overrunNote(s.batchId(), lot(s.batchId()), s.codeIndex(), quantity)), now));
                }
                case OTHER_DEVICES -> {
                    if (newPhone(j) && !a.reasons().contains(RiskReason.LATE_DEVICE.id())
                            && !a.reasons().contains(RiskReason.OTHER_COUNTRY.id())) {
                        secondPhone(s, j, settings, now, hits);
                    }
                }
                default -> {
                    // known_hotspot and replayed_cookie add to the score but raise nothing on their own
                }
            }
        }
        if (j.outcome().verdict().isSuspect() && s.located() && s.tracksCode() && suspectByCode(settings, j)) {
            sight(s.brandId(), s.batchId(), s.codeIndex(), s.place(), j.scanId(), settings, now, hits);
        }
    }

    /**
     * True when the scan is suspect from what is known about its code alone, without the bonus of an open hotspot: only
     * such scans are sightings. A scan made suspect by the hotspot it is in would otherwise feed that hotspot (and open
     * neighbouring ones from a family's second phone), which then turns more ordinary scans suspect.
     */
    private boolean suspectByCode(RuleSettings settings, Judged j) {
        if (!j.assessment().reasons().contains(RiskReason.KNOWN_HOTSPOT.id())) {
            return true;
        }
        return RiskAssessor.assess(settings, j.scan(), j.history(),
                new RiskAssessor.Signals(travels.containsKey(j.scanId()) || countryTravels.containsKey(j.scanId()), false,
                        j.assessment().reasons().contains(RiskReason.LATE_DEVICE.id()),
                        j.assessment().reasons().contains(RiskReason.OTHER_COUNTRY.id()))).suspect();
    }

    /**
     * True when a scan outside the batch's markets counts towards diversion, judged per phone: the code was first
     * scanned (sold) outside its markets, or this phone is not one that scanned it before (a scan without a device id
     * counts as a new phone). Only the phones that scanned a code before are owners travelling with it; a code scanned
     * at home by a distributor and then abroad by its buyer is diverted all the same.
     */
    private static boolean divertedScan(Judged j) {
        return firstScannedOutside(j) || j.history() != null && !j.history().knownHousehold();
    }

    /** True when the code's first scan (the sale) was outside its batch's markets, or its country is unknown. */
    private static boolean firstScannedOutside(Judged j) {
        String first = j.history() == null ? null : j.history().firstCountry();
        return first == null || j.scan().markets() == null || !j.scan().markets().contains(first);
    }

    private Hit hit(ScanToRecord s, Judged j, Rule rule, String subject, AlertText summary, AlertText note, OffsetDateTime now) {
        return new Hit(s.brandId(), rule, subject, rule.severity(), summary, s.batchId(), rule == Rule.CLONED_CODE
                || rule == Rule.IMPOSSIBLE_TRAVEL ? s.codeIndex() : null, s.shopper().country(), s.place(), now,
                j.scanId(), note);
    }

    private Hit batchHit(ScanToRecord s, Judged j, Rule rule, AlertText note, OffsetDateTime now) {
        return hit(s, j, rule, "batch:" + s.batchId(), AlertTexts.status(rule, s.batchId(), lot(s.batchId())), note, now);
    }

    /** A batch's lot number as printed on its labels; null for no batch or a batch without one. */
    private String lot(Long batchId) {
        if (batchId == null) {
            return null;
        }
        if (lots.size() > MAX_LOTS) {
            lots.clear();
        }
        return lots.computeIfAbsent(batchId, detection::lot).orElse(null);
    }

    /** A batch's quantity (which never changes once codes exist), for overrun texts. */
    private long quantity(long batchId) {
        if (quantities.size() > MAX_LOTS) {
            quantities.clear();
        }
        return quantities.computeIfAbsent(batchId, detection::quantity);
    }

    private static String codeSubject(ScanToRecord s) {
        return "code:" + s.batchId() + ":" + s.codeIndex();
    }

    /** Records hits (in the order given) and tells the notifier about the alerts they opened. */
    private void raise(List<Hit> hits) {
        alerts.raise(hits).forEach(notifier::created);
    }

    /**
     * A location added to a scan after its verdict (the shopper's consent comes after the page): the same travel
     * and hotspot rules, in the caller's transaction, which takes the code's state row lock first, as the scan writer
     * does, and the alert rows and rollups in the writer's order after it.
     */
    public void located(long scanId, int latTenths, int lonTenths) {
        detection.scan(scanId).ifPresent(scan -> {
            if (scan.verdict() == Verdict.NOT_GENUINE) {
                // A forged code has no code state to move: its place only counts towards the forgery waves.
                counts.addLocated(scan.brandId(), scan.at(), new Place(latTenths, lonTenths), false, true);
                return;
            }
            if (scan.batchId() == null || scan.codeIndex() == null || !detection.lockCode(scan.batchId(), scan.codeIndex())) {
                return;
            }
            RuleSettings settings = rules.get(scan.brandId());
            Place place = new Place(latTenths, lonTenths);
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Hit> hits = new ArrayList<>();
            LocatedScan here = new LocatedScan(scanId, scan.at(), place.latTenths(), place.lonTenths());
            Optional<AlertTexts.Travel> move = move(detection.lastLocation(scan.batchId(), scan.codeIndex()).orElse(null), here);
            detection.saveLocation(scan.batchId(), scan.codeIndex(), here);
            if (move.isPresent() && move.get().kmh() > settings.travelKmh()) {
                AlertTexts.Travel t = move.get();
                hits.add(new Hit(scan.brandId(), Rule.IMPOSSIBLE_TRAVEL, "code:" + scan.batchId() + ":" + scan.codeIndex(),
                        Rule.IMPOSSIBLE_TRAVEL.severity(), AlertTexts.travel(scan.batchId(), lot(scan.batchId()), scan.codeIndex(), t,
                        settings.travelKmh()), scan.batchId(), scan.codeIndex(), null, place, now, scanId,
                        AlertTexts.travelNote(t)));
            }
            if (scan.verdict().isSuspect()) {
                sight(scan.brandId(), scan.batchId(), scan.codeIndex(), place, scanId, settings, now, hits);
            }
            raiseInOrder(hits);
            opening.clear();
            counts.addLocated(scan.brandId(), scan.at(), place, scan.verdict().isSuspect(), false);
        });
    }

    /** A shopper's report: an alert per reported code (or per report when it names no code), in the caller's transaction. */
    public void reported(long reportId, long scanId, long brandId, Long batchId, Long codeIndex, String country, String place,
                         String seller, String comment) {
        String subject = batchId != null && codeIndex != null ? "code:" + batchId + ":" + codeIndex : "report:" + reportId;
        raise(List.of(new Hit(brandId, Rule.SHOPPER_REPORT, subject, Rule.SHOPPER_REPORT.severity(),
                AlertTexts.report(batchId, lot(batchId), codeIndex, seller, place, comment), batchId, codeIndex, country, null,
                OffsetDateTime.now(clock), scanId, AlertTexts.reportNote(reportId, seller, place, comment))));
    }

    /**
     * The move from the country of the code's previous scan with a known country (the trusted header, on every scan)
     * to this scan's: the least distance between the two countries over the time between the scans. Empty when either
     * country is unknown or not in the table, or they are the same.
     */
    static Optional<AlertTexts.CountryMove> countryMove(CodeHistory history, String country, OffsetDateTime now) {
        String from = history.previousCountry();
        if (from == null || country == null || from.equals(country) || history.previousCountryAt() == null) {
            return Optional.empty();
        }
        java.util.OptionalDouble km = CountryDistances.table().leastKm(from, country);
        if (km.isEmpty() || km.getAsDouble() < MIN_TRAVEL_KM) {
            return Optional.empty();
        }
        double minutes = Math.abs(Duration.between(history.previousCountryAt(), now).toMillis()) / 60_000.0;
        return Optional.of(new AlertTexts.CountryMove(from, country, km.getAsDouble(), minutes,
                km.getAsDouble() / Math.max(minutes, 1) * 60));
    }

    /** The move from the code's last located scan before (null if none) to this one. */
    private static Optional<AlertTexts.Travel> move(LocatedScan before, LocatedScan here) {
        return Optional.ofNullable(before).filter(b -> b.scanId() != here.scanId()).map(b -> {
            double km = b.place().distanceKm(here.place());
            double minutes = Math.abs(Duration.between(b.at(), here.at()).toMillis()) / 60_000.0;
            double kmh = km < MIN_TRAVEL_KM ? 0 : km / Math.max(minutes, 1) * 60;
            return new AlertTexts.Travel(km, minutes, kmh);
        });
    }

    /**
     * A code first scanned outside its batch's markets: once enough codes of the batch were seen in that country, a
     * diversion alert with one hit (and one piece of evidence) per code, as many as its summary counts.
     */
    private void diverted(ScanToRecord s, Judged j, RuleSettings settings, AlertText note, OffsetDateTime now, List<Hit> hits) {
        OffsetDateTime since = now.minusDays(MARKET_DAYS);
        DetectionRepository.Sighting seen = detection.sightOutOfMarket(s.brandId(), s.batchId(), s.shopper().country(),
                s.codeIndex(), j.scanId(), now, since);
        if (!seen.newCode() || seen.codes() < settings.marketCodes()) {
            return;
        }
        String subject = "market:" + s.batchId() + ":" + s.shopper().country();
        AlertText summary = AlertTexts.market(s.batchId(), lot(s.batchId()), s.shopper().country(), s.markets(), seen.codes());
        if (opens(s.brandId(), Rule.OUT_OF_MARKET, subject)) {
            for (DetectionRepository.Sighted earlier : detection.marketSightings(s.batchId(), s.shopper().country(), since)) {
                if (earlier.codeIndex() != s.codeIndex()) {
                    hits.add(new Hit(s.brandId(), Rule.OUT_OF_MARKET, subject, Rule.OUT_OF_MARKET.severity(), summary,
                            s.batchId(), null, s.shopper().country(), null, earlier.seenAt(), earlier.scanId(),
                            AlertTexts.marketNote(earlier.batchId(), lot(earlier.batchId()), earlier.codeIndex(),
                                    s.shopper().country())));
                }
            }
        }
        hits.add(hit(s, j, Rule.OUT_OF_MARKET, subject, summary, note, now));
    }

    /**
     * A code of a batch seen outside its markets, in any country: once enough codes of the batch were, a diversion
     * alert for the batch as a whole (subject "batch:B"), with one hit per code, so that diversion spread a few codes per
     * country, under the per-country count, is seen too. The codes are kept in market_sighting under the country "*".
     */
    private void spread(ScanToRecord s, Judged j, RuleSettings settings, OffsetDateTime now, List<Hit> hits) {
        OffsetDateTime since = now.minusDays(MARKET_DAYS);
        DetectionRepository.Sighting seen = detection.sightOutOfMarket(s.brandId(), s.batchId(), ANY_COUNTRY, s.codeIndex(),
                j.scanId(), now, since);
        if (!seen.newCode() || seen.codes() < settings.marketBatchCodes()) {
            return;
        }
        String subject = "batch:" + s.batchId();
        AlertText summary = AlertTexts.marketSpread(s.batchId(), lot(s.batchId()), s.markets(), seen.codes());
        if (opens(s.brandId(), Rule.OUT_OF_MARKET, subject)) {
            for (DetectionRepository.Sighted earlier : detection.marketSightings(s.batchId(), ANY_COUNTRY, since)) {
                if (earlier.codeIndex() != s.codeIndex()) {
                    hits.add(new Hit(s.brandId(), Rule.OUT_OF_MARKET, subject, Rule.OUT_OF_MARKET.severity(), summary,
                            s.batchId(), null, null, null, earlier.seenAt(), earlier.scanId(),
                            AlertTexts.marketSpreadNote(earlier.batchId(), lot(earlier.batchId()), earlier.codeIndex())));
                }
            }
        }
        hits.add(new Hit(s.brandId(), Rule.OUT_OF_MARKET, subject, Rule.OUT_OF_MARKET.severity(), summary, s.batchId(), null,
                s.shopper().country(), null, now, j.scanId(), AlertTexts.marketSpreadNote(s.batchId(), lot(s.batchId()),
                s.codeIndex())));
    }

    /**
     * A code that came back on a phone new to it weeks after its first scan, or in another country of its markets, counted
     * in its window of {@link #RUN_BLOCK} consecutive indexes: once enough codes of one window did within 30 days, a
     * cloned_code alert for the run (subject "run:B:first-last", the block of the code's window), one hit per code, and
     * one per code of the window that came back on a second phone only (see {@link #secondPhone}). Gifts and resales come
     * back scattered over a batch; a duplicate print of released labels brings back neighbouring codes together, each
     * perhaps on one new phone only. A code is in two windows that overlap by half (see {@link RunWindow}), so a run that
     * crosses the border of two blocks is counted whole in the window around that border; its codes on the far side of
     * the border join the alert their run already has, so one run makes one alert.
     */
    private void run(ScanToRecord s, Judged j, RuleSettings settings, OffsetDateTime now, List<Hit> hits) {
        OffsetDateTime since = now.minusDays(MARKET_DAYS);
        long half = s.codeIndex() / RUN_HALF;
        if (!detection.noteRun(s.brandId(), s.batchId(), half, s.codeIndex(), j.scanId(), now, since)) {
            return;
        }
        RunPlace place = runPlace(s.batchId(), half, since);
        RunWindow window = place.largest();
        if (window.count(place.counts()) < settings.runCodes()) {
            return;
        }
        String subject = runAlert(s, place, settings).orElse(runSubject(s.batchId(), place.block().block()));
        // Listed and counted over both of the code's windows: a run across a border has codes on either side of it.
        RunSpan span = place.span();
        List<DetectionRepository.Sighted> counted = detection.runSightings(s.batchId(), span.halves(), since);
        List<DetectionRepository.Sighted> further = further(s.batchId(), span, counted, since);
        AlertText summary = runSummary(s.batchId(), span, span.count(place.counts()), settings, further.size());
        if (opens(s.brandId(), Rule.CLONED_CODE, subject)) {
            for (DetectionRepository.Sighted earlier : counted) {
                if (earlier.codeIndex() != s.codeIndex()) {
                    hits.add(new Hit(s.brandId(), Rule.CLONED_CODE, subject, Rule.CLONED_CODE.severity(), summary, s.batchId(),
                            null, null, null, earlier.seenAt(), earlier.scanId(), AlertTexts.runNote(earlier.batchId(),
                            lot(earlier.batchId()), earlier.codeIndex())));
                }
            }
            for (DetectionRepository.Sighted second : further) {
                hits.add(new Hit(s.brandId(), Rule.CLONED_CODE, subject, Rule.CLONED_CODE.severity(), summary, s.batchId(),
                        null, null, null, second.seenAt(), second.scanId(), AlertTexts.runSecondNote(second.batchId(),
                        lot(second.batchId()), second.codeIndex())));
            }
        }
        hits.add(new Hit(s.brandId(), Rule.CLONED_CODE, subject, Rule.CLONED_CODE.severity(), summary, s.batchId(), null,
                s.shopper().country(), s.place(), now, j.scanId(), AlertTexts.runNote(s.batchId(), lot(s.batchId()), s.codeIndex())));
    }

    /** A half-block's two windows (its block, and the window across its block's nearer border, if any) and their counts. */
    private record RunPlace(RunWindow block, Optional<RunWindow> across, Map<Long, Integer> counts) {
        /** The window with more codes (the block when even). */
        RunWindow largest() {
            return across.filter(w -> w.count(counts) > block.count(counts)).orElse(block);
        }

        /** Both windows together: the indexes a run alert's summary, hits and evidence count for this code. */
        RunSpan span() {
            long from = across.map(w -> Math.min(w.firstHalf(), block.firstHalf())).orElse(block.firstHalf());
            return new RunSpan(from, across.map(w -> Math.max(w.firstHalf(), block.firstHalf())).orElse(block.firstHalf()) + 1);
        }
    }

    private RunPlace runPlace(long batchId, long half, OffsetDateTime since) {
        RunWindow block = RunWindow.blockOf(half);
        Optional<RunWindow> across = RunWindow.acrossOf(half);
        java.util.Set<Long> halves = new java.util.TreeSet<>(block.halves());
        across.ifPresent(w -> halves.addAll(w.halves()));
        return new RunPlace(block, across, detection.runCounts(batchId, halves, since));
    }

    /**
     * The run alert that takes a code's hit, if one is open: its block's, or else the neighbouring block's when the
     * code's window across the border to it holds a run (that alert's run, counted from the other side).
     */
    private Optional<String> runAlert(ScanToRecord s, RunPlace place, RuleSettings settings) {
        String own = runSubject(s.batchId(), place.block().block());
        if (detection.alertTakesHits(s.brandId(), Rule.CLONED_CODE, own)) {
            return Optional.of(own);
        }
        Optional<RunWindow> runAcross = place.across().filter(w -> w.count(place.counts()) >= settings.runCodes());
        if (runAcross.isEmpty()) {
            return Optional.empty();
        }
        String other = runSubject(s.batchId(), runAcross.get().otherBlock(place.block().block()));
        return detection.alertTakesHits(s.brandId(), Rule.CLONED_CODE, other) ? Optional.of(other) : Optional.empty();
    }

    /**
     * A code that came back on a phone new to it, neither weeks later nor in another country: a reseller's buyer or a
     * family's phone as often as a copy's, so it never counts towards a run. It is kept under its half-block's
     * {@link #secondPhoneHalf} and, when its block already has a run alert (or the neighbouring block has one and the
     * code's window across the border to it holds a run), added to it: a reprinted block's copies are checked in the
     * owner's country within days as often as weeks later or abroad.
     */
    private void secondPhone(ScanToRecord s, Judged j, RuleSettings settings, OffsetDateTime now, List<Hit> hits) {
        OffsetDateTime since = now.minusDays(MARKET_DAYS);
        long half = s.codeIndex() / RUN_HALF;
        if (!detection.noteRun(s.brandId(), s.batchId(), secondPhoneHalf(half), s.codeIndex(), j.scanId(), now, since)) {
            return;
        }
        // Most such codes are a family's or a reseller's buyer's, in blocks without a run: one look-up of the alerts
        // (its block's and the neighbouring block's) answers those, before anything is counted.
        RunWindow block = RunWindow.blockOf(half);
        List<String> subjects = new ArrayList<>(List.of(runSubject(s.batchId(), block.block())));
        RunWindow.acrossOf(half).ifPresent(w -> subjects.add(runSubject(s.batchId(), w.otherBlock(block.block()))));
        if (detection.alertsTakingHits(s.brandId(), Rule.CLONED_CODE, subjects).isEmpty()) {
            return;
        }
        RunPlace place = runPlace(s.batchId(), half, since);
        Optional<String> subject = runAlert(s, place, settings);
        if (subject.isEmpty()) {
            return;
        }
        RunSpan span = place.span();
        List<DetectionRepository.Sighted> counted = detection.runSightings(s.batchId(), span.halves(), since);
        if (counted.stream().anyMatch(c -> c.codeIndex() == s.codeIndex())) {
            return; // already in the run as a code that came back late or across a border
        }
        int further = further(s.batchId(), span, counted, since).size();
        hits.add(new Hit(s.brandId(), Rule.CLONED_CODE, subject.get(), Rule.CLONED_CODE.severity(),
                runSummary(s.batchId(), span, counted.size(), settings, further), s.batchId(), null, s.shopper().country(),
                s.place(), now, j.scanId(), AlertTexts.runSecondNote(s.batchId(), lot(s.batchId()), s.codeIndex())));
    }

    /** The codes of a window that came back on a second phone only since a time, less those its run counts. */
    private List<DetectionRepository.Sighted> further(long batchId, RunSpan span, List<DetectionRepository.Sighted> counted,
                                                      OffsetDateTime since) {
        java.util.Set<Long> inRun = new java.util.HashSet<>();
        counted.forEach(c -> inRun.add(c.codeIndex()));
        return detection.runSightings(batchId, span.halves().stream().map(Detector::secondPhoneHalf).toList(), since).stream()
                .filter(c -> !inRun.contains(c.codeIndex())).toList();
    }

    private AlertText runSummary(long batchId, RunSpan span, int codes, RuleSettings settings, int further) {
        return AlertTexts.run(batchId, lot(batchId), span.first(), span.last(), codes, settings.lateDeviceDays(), further);
    }

    private static String runSubject(long batchId, long block) {
        long first = block * RUN_BLOCK;
        return "run:" + batchId + ":" + first + "-" + (first + RUN_BLOCK - 1);
    }

    /**
     * The run_sighting half-block under which a half-block's codes that came back on a second phone only are kept
     * (negative, so never one of the counted half-blocks).
     */
    static long secondPhoneHalf(long half) {
        return -1 - half;
    }

    /** Half-blocks {@code fromHalf} to {@code toHalf} of a batch (of {@link #RUN_HALF} indexes each). */
    record RunSpan(long fromHalf, long toHalf) {
        List<Long> halves() {
            List<Long> halves = new ArrayList<>();
            for (long h = fromHalf; h <= toHalf; h++) {
                halves.add(h);
            }
            return halves;
        }

        int count(Map<Long, Integer> counts) {
            return halves().stream().mapToInt(h -> counts.getOrDefault(h, 0)).sum();
        }

        long first() {
            return fromHalf * RUN_HALF;
        }

        long last() {
            return (toHalf + 1) * RUN_HALF - 1;
        }
    }

    /**
     * {@link #RUN_BLOCK} consecutive indexes of a batch, from half-block {@code firstHalf} (of {@link #RUN_HALF}) on: a
     * block (an even first half) or the window across the border of two blocks (an odd one).
     */
    record RunWindow(long firstHalf) {
        /** The block that holds a half-block. */
        static RunWindow blockOf(long half) {
            return new RunWindow(half - half % 2);
        }

        /** The window across the nearer border of the half-block's block (none for the first half of a batch). */
        static Optional<RunWindow> acrossOf(long half) {
            return half % 2 == 1 ? Optional.of(new RunWindow(half)) : half == 0 ? Optional.empty() : Optional.of(new RunWindow(half - 1));
        }

        List<Long> halves() {
            return List.of(firstHalf, firstHalf + 1);
        }

        int count(Map<Long, Integer> counts) {
            return counts.getOrDefault(firstHalf, 0) + counts.getOrDefault(firstHalf + 1, 0);
        }

        long block() {
            return firstHalf / 2;
        }

        /** For a window across a border, the block on the other side from {@code block}. */
        long otherBlock(long block) {
            return firstHalf / 2 == block ? block + 1 : block - 1;
        }
    }

    /** True when the scan's phone is new to its code and counted as another buyer (not its first, not its household's). */
    private static boolean newPhone(Judged j) {
        return j.history() != null && !j.history().firstScan() && !j.history().knownHousehold();
    }

    /**
     * True when a hit of a counting rule would open its alert: then the codes counted before this one are added as
     * hits too (once per group), so that the alert's summary, hits and evidence all count the same codes.
     */
    private boolean opens(long brandId, Rule rule, String subject) {
        return !detection.alertTakesHits(brandId, rule, subject) && opening.add(brandId + "/" + rule.id() + "/" + subject);
    }

    /**
     * A suspect code (see {@link Verdict#isSuspect()}) seen in a cell: once enough distinct codes were seen there, a
     * hotspot alert with one hit (and one piece of evidence) per code, as many as its summary counts.
     */
    private void sight(long brandId, long batchId, long index, Place place, long scanId, RuleSettings settings,
                       OffsetDateTime now, List<Hit> hits) {
        String cell = place.cell();
        OffsetDateTime since = now.minusDays(settings.hotspotDays());
        DetectionRepository.Sighting seen = detection.sight(brandId, cell, batchId, index, scanId, now, since);
        if (!seen.newCode() || seen.codes() < settings.hotspotCodes()) {
            return;
        }
        Place centre = Place.centreOf(cell);
        String subject = "cell:" + cell;
        AlertText summary = AlertTexts.hotspot(seen.codes(), settings.hotspotDays(), centre.latTenths(), centre.lonTenths());
        if (opens(brandId, Rule.HOTSPOT, subject)) {
            for (DetectionRepository.Sighted earlier : detection.sightings(brandId, cell, since)) {
                if (earlier.batchId() != batchId || earlier.codeIndex() != index) {
                    hits.add(new Hit(brandId, Rule.HOTSPOT, subject, Rule.HOTSPOT.severity(), summary, null, null, null, centre,
                            earlier.seenAt(), earlier.scanId(), AlertTexts.hotspotNote(earlier.batchId(), lot(earlier.batchId()),
                            earlier.codeIndex())));
                }
            }
        }
        hits.add(new Hit(brandId, Rule.HOTSPOT, subject, Rule.HOTSPOT.severity(), summary, null, null, null, centre, now, scanId,
                AlertTexts.hotspotNote(batchId, lot(batchId), index)));
    }

    /**
     * True when the brand has an open hotspot alert for the cell, as the database holds it now (so a hotspot opened on
     * another node counts at once); asked once per cell and group.
     */
    private boolean isHotspot(long brandId, String cell) {
        return hotspotsSeen.computeIfAbsent(brandId + "/" + cell, k -> detection.openHotspot(brandId, cell));
    }



}
