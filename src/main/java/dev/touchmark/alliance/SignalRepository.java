package dev.touchmark.alliance;

import dev.touchmark.db.InsertIfAbsent;
import static dev.touchmark.db.jooq.Tables.ALERT;
import static dev.touchmark.db.jooq.Tables.ALLIANCE_MATCH;
import static dev.touchmark.db.jooq.Tables.ALLIANCE_MEMBER;
import static dev.touchmark.db.jooq.Tables.BRAND_SIGNAL;
import static dev.touchmark.db.jooq.Tables.LABEL_HOST_SIGHTING;
import static dev.touchmark.db.jooq.Tables.SCAN_CELL_DAY;
import static dev.touchmark.db.jooq.Tables.SHOPPER_REPORT;

import dev.touchmark.domain.Place;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SQL of the alliance's intelligence: each member's own signals, worked out from the rollups, alerts, shopper reports
 * and label-host sightings (never the scan log), the stored copy of them, and the matches already announced.
 */
public final class SignalRepository {
    private final DSLContext dsl;

    public SignalRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return dsl.transactionResult(() -> work.get());
    }

    /** Every brand that is a current member of at least one alliance. */
    List<Long> memberBrands() {
        return dsl.selectDistinct(ALLIANCE_MEMBER.BRAND_ID).from(ALLIANCE_MEMBER)
                .where(ALLIANCE_MEMBER.STATE.eq(MemberState.MEMBER.value())).orderBy(ALLIANCE_MEMBER.BRAND_ID)
                .fetch(ALLIANCE_MEMBER.BRAND_ID);
    }

    /** Current members of each alliance that has any, by alliance id. */
    Map<Long, List<Long>> membersByAlliance() {
        Map<Long, List<Long>> members = new TreeMap<>();
        dsl.select(ALLIANCE_MEMBER.ALLIANCE_ID, ALLIANCE_MEMBER.BRAND_ID).from(ALLIANCE_MEMBER)
                .where(ALLIANCE_MEMBER.STATE.eq(MemberState.MEMBER.value()))
                .orderBy(ALLIANCE_MEMBER.ALLIANCE_ID, ALLIANCE_MEMBER.BRAND_ID)
                .forEach(r -> members.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return members;
    }

    /**
     * The brand's hotspots since a day: cells where its detection raised a hotspot alert seen in the window that staff
     * did not mark a false positive, with the suspect scans counted there by the rollup.
     */
    List<BrandSignal> hotspots(long brandId, LocalDate from, LocalDate to) {
        Set<String> cells = new HashSet<>();
        dsl.select(ALERT.SUBJECT).from(ALERT)
                .where(ALERT.BRAND_ID.eq(brandId).and(ALERT.RULE.eq("hotspot")).and(ALERT.STATUS.ne("false_positive"))
                        .and(ALERT.LAST_SEEN_AT.ge(start(from))).and(ALERT.FIRST_SEEN_AT.lt(start(to))))
                .forEach(r -> {
                    if (r.value1().startsWith("cell:")) {
                        cells.add(r.value1().substring("cell:".length()));
                    }
                });
        if (cells.isEmpty()) {
            return List.of();
        }
        var suspect = DSL.sum(SCAN_CELL_DAY.SUSPECT);
        var first = DSL.min(SCAN_CELL_DAY.SCAN_DATE);
        var last = DSL.max(SCAN_CELL_DAY.SCAN_DATE);
        return dsl.select(SCAN_CELL_DAY.CELL, suspect, first, last).from(SCAN_CELL_DAY)
                .where(SCAN_CELL_DAY.BRAND_ID.eq(brandId).and(SCAN_CELL_DAY.SCAN_DATE.ge(from)).and(SCAN_CELL_DAY.SCAN_DATE.lt(to))
                        .and(SCAN_CELL_DAY.SUSPECT.gt(0L)).and(SCAN_CELL_DAY.CELL.in(cells)))
                .groupBy(SCAN_CELL_DAY.CELL)
                .fetch(r -> new BrandSignal(brandId, SignalClass.HOTSPOTS, r.value1(), r.value2().longValue(),
                        r.value3(), r.value4(), Place.centreOf(r.value1())));
    }

    /** The brand's forged codes since a day, per cell and ISO week ("104:26@2026-W48"). */
    List<BrandSignal> forgeryWaves(long brandId, LocalDate from, LocalDate to) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, LocalDate[]> days = new LinkedHashMap<>();
        dsl.select(SCAN_CELL_DAY.CELL, SCAN_CELL_DAY.SCAN_DATE, SCAN_CELL_DAY.FORGED).from(SCAN_CELL_DAY)
                .where(SCAN_CELL_DAY.BRAND_ID.eq(brandId).and(SCAN_CELL_DAY.SCAN_DATE.ge(from)).and(SCAN_CELL_DAY.SCAN_DATE.lt(to))
                        .and(SCAN_CELL_DAY.FORGED.gt(0L)))
                .orderBy(SCAN_CELL_DAY.SCAN_DATE)
                .forEach(r -> {
                    String key = waveKey(r.value1(), r.value2());
                    counts.computeIfAbsent(key, k -> new long[1])[0] += r.value3();
                    LocalDate[] span = days.computeIfAbsent(key, k -> new LocalDate[] {r.value2(), r.value2()});
                    span[1] = r.value2();
                });
        List<BrandSignal> waves = new ArrayList<>();
        counts.forEach((key, n) -> waves.add(new BrandSignal(brandId, SignalClass.FORGERY_WAVES, key, n[0],
                days.get(key)[0], days.get(key)[1], Place.centreOf(key.substring(0, key.indexOf('@'))))));
        return waves;
    }

    /** A forgery wave's key: the cell and the ISO week of the day. */
    static String waveKey(String cell, LocalDate day) {
        return cell + "@" + day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format(java.util.Locale.ROOT, "%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * Sellers the brand's shoppers named since a day, by normalised key, once at least two shoppers (phones; a report
     * without one counts alone) named the same one. Shoppers' own words are never read here.
     */
    List<BrandSignal> sellers(long brandId, LocalDate from, LocalDate to) {
        var shoppers = DSL.countDistinct(DSL.coalesce(SHOPPER_REPORT.DEVICE_ID, DSL.concat(DSL.inline("report:"),
                SHOPPER_REPORT.ID.cast(String.class))));
        var first = DSL.min(SHOPPER_REPORT.CREATED_AT);
        var last = DSL.max(SHOPPER_REPORT.CREATED_AT);
        return dsl.select(SHOPPER_REPORT.SELLER_KEY, shoppers, first, last).from(SHOPPER_REPORT)
                .where(SHOPPER_REPORT.BRAND_ID.eq(brandId).and(SHOPPER_REPORT.SELLER_KEY.isNotNull())
                        .and(SHOPPER_REPORT.CREATED_AT.ge(start(from))).and(SHOPPER_REPORT.CREATED_AT.lt(start(to))))
                .groupBy(SHOPPER_REPORT.SELLER_KEY).having(shoppers.ge(MIN_WITNESSES))
                .fetch(r -> new BrandSignal(brandId, SignalClass.SELLERS, r.value1(), r.value2(), day(r.value3()),
                        day(r.value4()), null));
    }

    /**
     * Hosts that labels claiming the brand pointed to since a day, once read from at least two networks (one network
     * cannot put a host in the alliance's intelligence by itself).
     */
    List<BrandSignal> labelHosts(long brandId, LocalDate from, LocalDate to) {
        var networks = DSL.countDistinct(DSL.coalesce(LABEL_HOST_SIGHTING.IP_HASH, DSL.concat(DSL.inline("sighting:"),
                LABEL_HOST_SIGHTING.ID.cast(String.class))));
        var reads = DSL.count();
        var first = DSL.min(LABEL_HOST_SIGHTING.SEEN_AT);
        var last = DSL.max(LABEL_HOST_SIGHTING.SEEN_AT);
        return dsl.select(LABEL_HOST_SIGHTING.HOST, reads, first, last, networks).from(LABEL_HOST_SIGHTING)
                .where(LABEL_HOST_SIGHTING.BRAND_ID.eq(brandId).and(LABEL_HOST_SIGHTING.SEEN_AT.ge(start(from)))
                        .and(LABEL_HOST_SIGHTING.SEEN_AT.lt(start(to))))
                .groupBy(LABEL_HOST_SIGHTING.HOST).having(networks.ge(MIN_WITNESSES))
                .fetch(r -> new BrandSignal(brandId, SignalClass.LABEL_HOSTS, r.value1(), r.value2(), day(r.value3()),
                        day(r.value4()), null));
    }

    /** Shoppers (sellers) or networks (hosts) that must have seen an item before it is one of the brand's signals. */
    static final int MIN_WITNESSES = 2;

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
    }

    private static LocalDate day(OffsetDateTime at) {
        return at.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
    }

    /** All of the brand's signals of the days from one (inclusive) to another (exclusive). */
    List<BrandSignal> compute(long brandId, LocalDate from, LocalDate to) {
        List<BrandSignal> all = new ArrayList<>();
        all.addAll(hotspots(brandId, from, to));
        all.addAll(forgeryWaves(brandId, from, to));
        all.addAll(sellers(brandId, from, to));
        all.addAll(labelHosts(brandId, from, to));
        return all;
    }

    /**
     * Makes the brand's stored signals these, writing only what changed (in a steady state nothing: a refresh then
     * costs reads only); returns how many rows changed. Rows are upserted, so two nodes refreshing at once (a lease that
     * ran out under a slow refresh) both succeed instead of one breaking the other's key.
     */
    int replace(long brandId, List<BrandSignal> signals) {
        Map<String, BrandSignal> gone = new java.util.HashMap<>();
        for (SignalClass c : SignalClass.values()) {
            signals(List.of(brandId), c).forEach(s -> gone.put(c.id() + "\n" + s.key(), s));
        }
        List<org.jooq.Query> writes = new ArrayList<>();
        for (BrandSignal s : signals) {
            if (!s.equals(gone.remove(s.signalClass().id() + "\n" + s.key()))) {
                writes.add(upsert(brandId, s));
            }
        }
        for (BrandSignal s : gone.values()) {
            writes.add(dsl.deleteFrom(BRAND_SIGNAL).where(BRAND_SIGNAL.BRAND_ID.eq(brandId)
                    .and(BRAND_SIGNAL.SIGNAL_CLASS.eq(s.signalClass().id())).and(BRAND_SIGNAL.ITEM_KEY.eq(s.key()))));
        }
        if (!writes.isEmpty()) {
            dsl.batch(writes).execute();
        }
        return writes.size();
    }

    private org.jooq.Query upsert(long brandId, BrandSignal s) {
        Integer lat = s.centre() == null ? null : s.centre().latTenths();
        Integer lon = s.centre() == null ? null : s.centre().lonTenths();
        return dsl.insertInto(BRAND_SIGNAL).set(BRAND_SIGNAL.BRAND_ID, brandId).set(BRAND_SIGNAL.SIGNAL_CLASS, s.signalClass().id())
                .set(BRAND_SIGNAL.ITEM_KEY, s.key()).set(BRAND_SIGNAL.ITEM_COUNT, s.count())
                .set(BRAND_SIGNAL.FIRST_SEEN, s.firstSeen()).set(BRAND_SIGNAL.LAST_SEEN, s.lastSeen())
                .set(BRAND_SIGNAL.LAT_TENTHS, lat).set(BRAND_SIGNAL.LON_TENTHS, lon)
                .onConflict(BRAND_SIGNAL.BRAND_ID, BRAND_SIGNAL.SIGNAL_CLASS, BRAND_SIGNAL.ITEM_KEY).doUpdate()
                .set(BRAND_SIGNAL.ITEM_COUNT, s.count()).set(BRAND_SIGNAL.FIRST_SEEN, s.firstSeen())
                .set(BRAND_SIGNAL.LAST_SEEN, s.lastSeen()).set(BRAND_SIGNAL.LAT_TENTHS, lat).set(BRAND_SIGNAL.LON_TENTHS, lon);
    }

    /** The stored signals of a class of these brands. */
    List<BrandSignal> signals(Collection<Long> brandIds, SignalClass signalClass) {
        if (brandIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(BRAND_SIGNAL.BRAND_ID, BRAND_SIGNAL.ITEM_KEY, BRAND_SIGNAL.ITEM_COUNT, BRAND_SIGNAL.FIRST_SEEN,
                        BRAND_SIGNAL.LAST_SEEN, BRAND_SIGNAL.LAT_TENTHS, BRAND_SIGNAL.LON_TENTHS).from(BRAND_SIGNAL)
                .where(BRAND_SIGNAL.BRAND_ID.in(brandIds).and(BRAND_SIGNAL.SIGNAL_CLASS.eq(signalClass.id())))
                .orderBy(BRAND_SIGNAL.BRAND_ID, BRAND_SIGNAL.ITEM_KEY)
                .fetch(r -> new BrandSignal(r.value1(), signalClass, r.value2(), r.value3(), r.value4(), r.value5(),
                        Place.of(r.value6(), r.value7())));
    }

    /** Every announced match of an alliance and class: how many other members it was last announced with, by brand and key. */
    Map<String, Integer> announced(long allianceId, SignalClass signalClass) {
        Map<String, Integer> announced = new java.util.HashMap<>();
        dsl.select(ALLIANCE_MATCH.BRAND_ID, ALLIANCE_MATCH.ITEM_KEY, ALLIANCE_MATCH.OTHER_MEMBERS).from(ALLIANCE_MATCH)
                .where(ALLIANCE_MATCH.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MATCH.SIGNAL_CLASS.eq(signalClass.id())))
                .forEach(r -> announced.put(r.value1() + "\n" + r.value2(), r.value3()));
        return announced;
    }

    /** How many other members the match was last announced with, if it was announced. */
    Optional<Integer> announced(long allianceId, long brandId, SignalClass signalClass, String key) {
        return dsl.select(ALLIANCE_MATCH.OTHER_MEMBERS).from(ALLIANCE_MATCH)
                .where(ALLIANCE_MATCH.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MATCH.BRAND_ID.eq(brandId))
                        .and(ALLIANCE_MATCH.SIGNAL_CLASS.eq(signalClass.id())).and(ALLIANCE_MATCH.ITEM_KEY.eq(key)))
                .fetchOptional(ALLIANCE_MATCH.OTHER_MEMBERS);
    }

    /**
     * Records a new match; false when it was already there (another node recorded it first), so only one node
     * announces it.
     */
    boolean insertMatch(long allianceId, long brandId, SignalClass signalClass, String key, int others, String named,
                        long count, OffsetDateTime now) {
        return InsertIfAbsent.inserted(dsl.insertInto(ALLIANCE_MATCH)
                .set(ALLIANCE_MATCH.ALLIANCE_ID, allianceId).set(ALLIANCE_MATCH.BRAND_ID, brandId)
                .set(ALLIANCE_MATCH.SIGNAL_CLASS, signalClass.id()).set(ALLIANCE_MATCH.ITEM_KEY, key)
                .set(ALLIANCE_MATCH.OTHER_MEMBERS, others).set(ALLIANCE_MATCH.NAMED_BRANDS, named)
                .set(ALLIANCE_MATCH.ITEM_COUNT, count).set(ALLIANCE_MATCH.FIRST_MATCHED_AT, now).set(ALLIANCE_MATCH.LAST_MATCHED_AT, now));
    }

    /** Moves a recorded match to a higher count of other members; false when another node already did. */
    boolean raiseMatch(long allianceId, long brandId, SignalClass signalClass, String key, int from, int others,
                       String named, long count, OffsetDateTime now) {
        return dsl.update(ALLIANCE_MATCH).set(ALLIANCE_MATCH.OTHER_MEMBERS, others).set(ALLIANCE_MATCH.NAMED_BRANDS, named)
                .set(ALLIANCE_MATCH.ITEM_COUNT, count)
                .set(ALLIANCE_MATCH.LAST_MATCHED_AT, now)
                .where(ALLIANCE_MATCH.ALLIANCE_ID.eq(allianceId).and(ALLIANCE_MATCH.BRAND_ID.eq(brandId))
                        .and(ALLIANCE_MATCH.SIGNAL_CLASS.eq(signalClass.id())).and(ALLIANCE_MATCH.ITEM_KEY.eq(key))
                        .and(ALLIANCE_MATCH.OTHER_MEMBERS.eq(from)))
                .execute() == 1;
    }

    /** The brand's matches first or last seen in [from, to), newest first (for its reports). */
    List<Match> matches(long brandId, OffsetDateTime from, OffsetDateTime to) {
        return dsl.select(ALLIANCE_MATCH.ALLIANCE_ID, ALLIANCE_MATCH.SIGNAL_CLASS, ALLIANCE_MATCH.ITEM_KEY,
                        ALLIANCE_MATCH.OTHER_MEMBERS, ALLIANCE_MATCH.NAMED_BRANDS, ALLIANCE_MATCH.FIRST_MATCHED_AT,
                        ALLIANCE_MATCH.LAST_MATCHED_AT, ALLIANCE_MATCH.ITEM_COUNT).from(ALLIANCE_MATCH)
                .where(ALLIANCE_MATCH.BRAND_ID.eq(brandId).and(ALLIANCE_MATCH.LAST_MATCHED_AT.ge(from))
                        .and(ALLIANCE_MATCH.FIRST_MATCHED_AT.lt(to)))
                .orderBy(ALLIANCE_MATCH.LAST_MATCHED_AT.desc(), ALLIANCE_MATCH.ID)
                .fetch(r -> new Match(r.value1(), SignalClass.of(r.value2()).orElseThrow(), r.value3(), r.value4(),
                        r.value5().isEmpty() ? List.of() : List.of(r.value5().split("\n")), r.value8(), r.value6(), r.value7()));
    }

    /** How many matches of an alliance's members were first announced in [from, to). */
    int matchesOfAlliance(long allianceId, OffsetDateTime from, OffsetDateTime to) {
        return dsl.fetchCount(ALLIANCE_MATCH, ALLIANCE_MATCH.ALLIANCE_ID.eq(allianceId)
                .and(ALLIANCE_MATCH.FIRST_MATCHED_AT.ge(from)).and(ALLIANCE_MATCH.FIRST_MATCHED_AT.lt(to)));
    }

    /** A recorded match, as the brand's report shows it. */
    record Match(long allianceId, SignalClass signalClass, String key, int otherMembers, List<String> namedBrands,
                 long count, OffsetDateTime firstMatchedAt, OffsetDateTime lastMatchedAt) {
    }
}
