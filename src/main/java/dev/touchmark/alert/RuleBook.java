package dev.touchmark.alert;

import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.db.VersionedCache;
import dev.touchmark.error.Validator;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Each brand's thresholds, cached for the scan writer. A change bumps the change counter in its transaction; entries
 * loaded before a change the {@link ChangeWatcher} has seen are misses, so this node uses new thresholds as soon as
 * it answers the change and every other node within a second.
 */
public final class RuleBook {
    /** Brands with thresholds of their own, and brands on the defaults, each. */
    private static final long MAX_BRANDS = 10_000;
    private final DetectionRepository repository;
    private final ChangeWatcher changes;
    private final Clock clock;
    private final RuleSettings defaults;
    private final VersionedCache<Long, RuleSettings> cache;

    public RuleBook(DetectionRepository repository, ChangeWatcher changes, Clock clock, RuleSettings defaults) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
        this.defaults = defaults;
        this.cache = new VersionedCache<>(changes, MAX_BRANDS, MAX_BRANDS, repository::rules);
    }

    /** The installation's defaults. */
    public RuleSettings defaults() {
        return defaults;
    }

    /** A brand's thresholds. */
    public RuleSettings get(long brandId) {
        return cache.get(brandId).orElse(defaults);
    }

    /** Changes to a brand's thresholds; absent fields keep their value. */
    public record Change(Integer cloneDevices, Integer travelKmh, Boolean outOfMarket, Integer marketCodes, Integer burstFactor,
                         Integer burstMinScans, Integer hotspotCodes, Integer hotspotDays, Integer suspectScore, Integer marketBatchCodes,
                         Integer lateDeviceDays, Integer runCodes) {
    }

    /** Validates and stores a change, answering the new thresholds. */
    public RuleSettings update(long brandId, Change c, String actor) {
        RuleSettings old = repository.rules(brandId).orElse(defaults);
        RuleSettings next = new RuleSettings(
                c.cloneDevices() != null ? c.cloneDevices() : old.cloneDevices(),
                c.travelKmh() != null ? c.travelKmh() : old.travelKmh(),
                c.outOfMarket() != null ? c.outOfMarket() : old.outOfMarket(),
                c.marketCodes() != null ? c.marketCodes() : old.marketCodes(),
                c.burstFactor() != null ? c.burstFactor() : old.burstFactor(),
                c.burstMinScans() != null ? c.burstMinScans() : old.burstMinScans(),
                c.hotspotCodes() != null ? c.hotspotCodes() : old.hotspotCodes(),
                c.hotspotDays() != null ? c.hotspotDays() : old.hotspotDays(),
                c.suspectScore() != null ? c.suspectScore() : old.suspectScore(),
                c.marketBatchCodes() != null ? c.marketBatchCodes() : old.marketBatchCodes(),
                c.lateDeviceDays() != null ? c.lateDeviceDays() : old.lateDeviceDays(),
                c.runCodes() != null ? c.runCodes() : old.runCodes());
        new Validator()
                .check(next.cloneDevices() >= 2 && next.cloneDevices() <= 1000, "cloneDevices", "must be from 2 to 1000 phones")
                .check(next.travelKmh() >= 100 && next.travelKmh() <= 100_000, "travelKmh", "must be from 100 to 100000 km/h")
                .check(next.marketCodes() >= 1 && next.marketCodes() <= 100_000, "marketCodes", "must be from 1 to 100000 codes")
                .check(next.burstFactor() >= 2 && next.burstFactor() <= 1000, "burstFactor", "must be from 2 to 1000")
                .check(next.burstMinScans() >= 10 && next.burstMinScans() <= 10_000_000, "burstMinScans",
                        "must be from 10 to 10000000 scans per hour")
                .check(next.hotspotCodes() >= 2 && next.hotspotCodes() <= 10_000, "hotspotCodes", "must be from 2 to 10000 codes")
                .check(next.hotspotDays() >= 1 && next.hotspotDays() <= 365, "hotspotDays", "must be from 1 to 365 days")
                .check(next.suspectScore() >= 1 && next.suspectScore() <= 100, "suspectScore", "must be from 1 to 100")
                .check(next.marketBatchCodes() >= 1 && next.marketBatchCodes() <= 100_000, "marketBatchCodes",
                        "must be from 1 to 100000 codes")
                .check(next.lateDeviceDays() >= 1 && next.lateDeviceDays() <= 365, "lateDeviceDays", "must be from 1 to 365 days")
                .check(next.runCodes() >= 2 && next.runCodes() <= Detector.RUN_BLOCK, "runCodes", "must be from 2 to "
                        + Detector.RUN_BLOCK + " codes")
                .throwIfInvalid();
        repository.dsl().transaction(() -> {
            repository.saveRules(brandId, next, actor, OffsetDateTime.now(clock));
            changes.bump();
        });
        changes.catchUp();
        return next;
    }
}
