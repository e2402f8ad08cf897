package dev.touchmark.scan;

import dev.touchmark.domain.CodeRef;
import dev.touchmark.domain.LocatedScan;

import static dev.touchmark.db.jooq.Tables.CODE_DEVICE;
import static dev.touchmark.db.jooq.Tables.CODE_STATE;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;
import static dev.touchmark.db.jooq.Tables.UNREADABLE_SCAN_COUNT;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import dev.touchmark.db.CountUpsert;
import dev.touchmark.db.Cursors;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Row3;
import org.jooq.impl.DSL;

/** SQL for the scan log and the state of scanned codes; only the scan writer writes scans through it. */
public final class ScanRepository {
    /** How far a scan's id (taken from the writer's clock) and its scanned_at may differ, at most. */
    private static final java.time.Duration ID_CLOCK_SLACK = java.time.Duration.ofMinutes(5);
    private final DSLContext dsl;
    private final boolean postgres;
    private final CountUpsert unreadableCounts;

    public ScanRepository(DSLContext dsl, boolean postgres) {
        this.dsl = dsl;
        this.postgres = postgres;
        this.unreadableCounts = new CountUpsert(postgres, "unreadable_scan_count",
                List.of(new CountUpsert.Column("scan_day", "DATE")), List.of(new CountUpsert.Column("scans", "BIGINT")));
    }

    /** True if the database answers a query now (tells a refused scan from a database that is down). */
    boolean answers() {
        try {
            dsl.selectOne().fetch();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The jOOQ context, for the writer's transactions. */
    DSLContext dsl() {
        return dsl;
    }

    /** A code of a batch. */

    /** A device that scanned a code. */
    public record DeviceKey(CodeRef code, String deviceId) {
    }

    /** A code's state as a group of scans works on it, under the row lock its transaction holds. */
    static final class State {
        final long brandId;
        final OffsetDateTime firstScanAt;
        final String firstDeviceId;
        final String firstCountry;
        long scanCount;
        int deviceCount;
        OffsetDateTime lastScanAt;
        /** The country of the code's last scan that had one, and when it was; null before any. */
        String lastCountry;
        OffsetDateTime lastCountryAt;
        /** The code's last scan that came with a location; null before any. */
        LocatedScan lastLocated;
        boolean changed;

        State(long brandId, OffsetDateTime firstScanAt, String firstDeviceId, String firstCountry, long scanCount,
              int deviceCount, OffsetDateTime lastScanAt) {
            this(brandId, firstScanAt, firstDeviceId, firstCountry, scanCount, deviceCount, lastScanAt, null, null);
        }

        State(long brandId, OffsetDateTime firstScanAt, String firstDeviceId, String firstCountry, long scanCount,
              int deviceCount, OffsetDateTime lastScanAt, String lastCountry, OffsetDateTime lastCountryAt) {
            this.lastCountry = lastCountry;
            this.lastCountryAt = lastCountryAt;
            this.brandId = brandId;
            this.firstScanAt = firstScanAt;
            this.firstDeviceId = firstDeviceId;
            this.firstCountry = firstCountry;
            this.scanCount = scanCount;
            this.deviceCount = deviceCount;
            this.lastScanAt = lastScanAt;
        }
    }

    /** What a code's row starts with if this group is the first to scan it: its first scan's brand, device and country. */
    record Seed(CodeRef code, long brandId, String deviceId, String country) {
    }

    /** The order every writer locks codes in, so that two groups sharing codes never wait for each other in a cycle. */
    static final Comparator<CodeRef> CODE_ORDER = Comparator.comparingLong(CodeRef::batchId).thenComparingLong(CodeRef::index);

    /** One row of the scan log. */
    record Event(long id, OffsetDateTime at, ScanToRecord scan, Outcome outcome, Assessment assessment) {
    }

    /**
     * Creates the state rows of codes scanned for the first time (with a scan count of 0, for this group to advance) and
     * locks every code's row until the transaction ends, in {@link #CODE_ORDER}; returns the states as now committed,
     * so everything decided from them sees every scan another transaction (or node) recorded before.
     */
    Map<CodeRef, State> lockStates(List<Seed> seeds, OffsetDateTime now) {
        List<Seed> sorted = new ArrayList<>(seeds);
        sorted.sort(Comparator.comparing(Seed::code, CODE_ORDER));
        Map<CodeRef, State> states = new LinkedHashMap<>();
        if (sorted.isEmpty()) {
            return states;
        }
        dsl.connection(connection -> {
            if (postgres) {
                createMissing(connection, sorted, now);
                // One round trip: a row-value IN list answered from the primary key, locked in key order.
                String keys = sorted.stream().map(s -> "(?, ?)").collect(Collectors.joining(", "));
                try (PreparedStatement select = connection.prepareStatement(STATE_COLUMNS + " WHERE (batch_id, code_index) IN ("
                        + keys + ") ORDER BY batch_id, code_index FOR UPDATE")) {
                    int i = 1;
                    for (Seed seed : sorted) {
                        select.setLong(i++, seed.code().batchId());
                        select.setLong(i++, seed.code().index());
                    }
                    try (ResultSet r = select.executeQuery()) {
                        while (r.next()) {
                            states.put(new CodeRef(r.getLong(1), r.getLong(2)), state(r));
                        }
                    }
                }
                return;
            }
            // Embedded H2 has no round trip, but does not use the index for row-value IN: one key at a time, in order.
            // Its one scan writer is the only one that creates code states, so it first locks the rows that exist and
            // then creates (and locks) only the missing ones: an insert that conflicts costs H2 far more than a read.
            try (PreparedStatement select = connection.prepareStatement(STATE_COLUMNS
                    + " WHERE batch_id = ? AND code_index = ? FOR UPDATE")) {
                lockEach(select, sorted, states);
                if (states.size() < sorted.size()) {
                    List<Seed> missing = sorted.stream().filter(seed -> !states.containsKey(seed.code())).toList();
                    createMissing(connection, missing, now);
                    lockEach(select, missing, states);
                }
            }
        });
        if (states.size() != sorted.size()) {
            throw new IllegalStateException("code state rows missing after they were created: " + states.size() + " of "
                    + sorted.size());
        }
        return states;
    }

    private static final String STATE_COLUMNS = "SELECT batch_id, code_index, brand_id, first_scan_at, first_device_id,"
            + " first_country, scan_count, device_count, last_scan_at, last_country, last_country_at, located_scan_id,"
            + " located_at, located_lat_tenths, located_lon_tenths FROM code_state";

    /** Creates, in key order, the state rows of codes no one scanned yet, with no scans (others are left alone). */
    private static void createMissing(java.sql.Connection connection, List<Seed> sorted, OffsetDateTime now)
            throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO code_state (batch_id, code_index, brand_id,"
                + " first_scan_at, first_device_id, first_country, last_scan_at, scan_count, device_count)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING")) {
            for (Seed seed : sorted) {
                insert.setLong(1, seed.code().batchId());
                insert.setLong(2, seed.code().index());
                insert.setLong(3, seed.brandId());
                insert.setObject(4, now);
                insert.setString(5, seed.deviceId());
                insert.setString(6, seed.country());
                insert.setObject(7, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The states of codes as committed now, without creating or locking rows (for scans that count for nothing: they
     * only read a code's history). Codes never scanned are absent.
     */
    Map<CodeRef, State> peekStates(Collection<CodeRef> codes) {
        Map<CodeRef, State> states = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return states;
        }
        dsl.connection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(STATE_COLUMNS
                    + " WHERE batch_id = ? AND code_index = ?")) {
                for (CodeRef code : codes) {
                    select.setLong(1, code.batchId());
                    select.setLong(2, code.index());
                    try (ResultSet r = select.executeQuery()) {
                        if (r.next()) {
                            states.put(code, state(r));
                        }
                    }
                }
            }
        });
        return states;
    }

    private static void lockEach(PreparedStatement select, List<Seed> sorted, Map<CodeRef, State> states)
            throws java.sql.SQLException {
        for (Seed seed : sorted) {
            select.setLong(1, seed.code().batchId());
            select.setLong(2, seed.code().index());
            try (ResultSet r = select.executeQuery()) {
                if (r.next()) {
                    states.put(seed.code(), state(r));
                }
            }
        }
    }

    private static State state(ResultSet r) throws java.sql.SQLException {
        State state = new State(r.getLong(3), r.getObject(4, OffsetDateTime.class), r.getString(5), r.getString(6),
                r.getLong(7), r.getInt(8), r.getObject(9, OffsetDateTime.class), r.getString(10),
                r.getObject(11, OffsetDateTime.class));
        long locatedScanId = r.getLong(12);
        if (!r.wasNull()) {
            state.lastLocated = new LocatedScan(locatedScanId, r.getObject(13, OffsetDateTime.class), r.getInt(14), r.getInt(15));
        }
        return state;
    }

    /** Which of these devices scanned these codes before (read under the codes' row locks). */
    Set<DeviceKey> knownDevices(Collection<DeviceKey> devices) {
        Set<DeviceKey> known = new HashSet<>();
        if (devices.isEmpty()) {
            return known;
        }
        if (postgres) {
            List<Row3<Long, Long, String>> rows = devices.stream()
                    .map(d -> DSL.row(d.code().batchId(), d.code().index(), d.deviceId())).toList();
            dsl.select(CODE_DEVICE.BATCH_ID, CODE_DEVICE.CODE_INDEX, CODE_DEVICE.DEVICE_ID).from(CODE_DEVICE)
                    .where(DSL.row(CODE_DEVICE.BATCH_ID, CODE_DEVICE.CODE_INDEX, CODE_DEVICE.DEVICE_ID).in(rows))
                    .forEach(r -> known.add(new DeviceKey(new CodeRef(r.value1(), r.value2()), r.value3())));
            return known;
        }
        dsl.connection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM code_device WHERE batch_id = ? AND code_index = ? AND device_id = ?")) {
                for (DeviceKey device : devices) {
                    select.setLong(1, device.code().batchId());
                    select.setLong(2, device.code().index());
                    select.setString(3, device.deviceId());
                    try (ResultSet r = select.executeQuery()) {
                        if (r.next()) {
                            known.add(device);
                        }
                    }
                }
            }
        });
        return known;
    }

    // The writes below are the hot end of the scan writer: plain prepared JDBC batches, parsed once.

    void insertEvents(List<Event> events) {
        dsl.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scan_event (id, scanned_at, brand_id,"
                    + " batch_id, code_index, verdict, reason, device_id, country, lat_tenths, lon_tenths, ip_hash, client_kind,"
                    + " risk, risk_reasons, uncounted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Event e : events) {
                    ScanToRecord s = e.scan();
                    insert.setLong(1, e.id());
                    insert.setObject(2, e.at());
                    insert.setLong(3, s.brandId());
                    insert.setObject(4, s.batchId(), Types.BIGINT);
                    insert.setObject(5, s.codeIndex(), Types.BIGINT);
                    insert.setString(6, e.outcome().verdict().id());
                    insert.setString(7, e.outcome().reason() == null ? null : e.outcome().reason().id());
                    insert.setString(8, s.shopper().deviceId());
                    insert.setString(9, s.shopper().country());
                    insert.setObject(10, s.located() ? s.place().latTenths() : null, Types.INTEGER);
                    insert.setObject(11, s.located() ? s.place().lonTenths() : null, Types.INTEGER);
                    insert.setString(12, s.shopper().ipHash());
                    insert.setString(13, s.shopper().kind().id());
                    insert.setInt(14, e.assessment().risk());
                    insert.setString(15, e.assessment().reasonList());
                    insert.setString(16, s.counted() ? null : s.shopper().role().id());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Stores the states this group advanced: absolute values, as the rows are locked by this transaction. */
    void saveStates(Map<CodeRef, State> states) {
        dsl.connection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE code_state SET scan_count = ?,"
                    + " device_count = ?, last_scan_at = ?, last_country = ?, last_country_at = ?, located_scan_id = ?,"
                    + " located_at = ?, located_lat_tenths = ?, located_lon_tenths = ? WHERE batch_id = ? AND code_index = ?")) {
                int updates = 0;
                for (Map.Entry<CodeRef, State> entry : states.entrySet()) {
                    State s = entry.getValue();
                    if (s.changed) {
                        update.setLong(1, s.scanCount);
                        update.setInt(2, s.deviceCount);
                        update.setObject(3, s.lastScanAt);
                        update.setString(4, s.lastCountry);
                        update.setObject(5, s.lastCountryAt);
                        LocatedScan located = s.lastLocated;
                        update.setObject(6, located == null ? null : located.scanId(), java.sql.Types.BIGINT);
                        update.setObject(7, located == null ? null : located.at());
                        update.setObject(8, located == null ? null : located.latTenths(), java.sql.Types.INTEGER);
                        update.setObject(9, located == null ? null : located.lonTenths(), java.sql.Types.INTEGER);
                        update.setLong(10, entry.getKey().batchId());
                        update.setLong(11, entry.getKey().index());
                        update.addBatch();
                        updates++;
                    }
                }
                if (updates > 0) {
                    update.executeBatch();
                }
            }
        });
    }

    /** How many of a code's code_device rows start with a prefix (read under the code's row lock). */
    int countMarks(CodeRef code, String prefix) {
        return dsl.fetchCount(CODE_DEVICE, CODE_DEVICE.BATCH_ID.eq(code.batchId()).and(CODE_DEVICE.CODE_INDEX.eq(code.index()))
                .and(CODE_DEVICE.DEVICE_ID.startsWith(prefix)));
    }

    /** How many of a code's logged scans came from one device cookie on one network (by the code's index). */
    int countScansFrom(CodeRef code, String deviceId, String ipHash) {
        return dsl.fetchCount(SCAN_EVENT, SCAN_EVENT.BATCH_ID.eq(code.batchId()).and(SCAN_EVENT.CODE_INDEX.eq(code.index()))
                .and(SCAN_EVENT.DEVICE_ID.eq(deviceId)).and(SCAN_EVENT.IP_HASH.eq(ipHash)));
    }

    void insertDevices(List<DeviceKey> devices, OffsetDateTime now) {
        if (devices.isEmpty()) {
            return;
        }
        dsl.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO code_device (batch_id, code_index, device_id, first_seen_at) VALUES (?, ?, ?, ?)")) {
                for (DeviceKey d : devices) {
                    insert.setLong(1, d.code().batchId());
                    insert.setLong(2, d.code().index());
                    insert.setString(3, d.deviceId());
                    insert.setObject(4, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    void addUnreadable(LocalDate day, long scans) {
        dsl.connection(connection -> unreadableCounts.add(connection, List.<Object[]>of(new Object[] {day, scans})));
    }

    /** Unreadable scans counted on a day. */
    public long unreadableOn(LocalDate day) {
        return dsl.select(UNREADABLE_SCAN_COUNT.SCANS).from(UNREADABLE_SCAN_COUNT).where(UNREADABLE_SCAN_COUNT.SCAN_DAY.eq(day))
                .fetchOptional(UNREADABLE_SCAN_COUNT.SCANS).orElse(0L);
    }

    /** Brand, batch, index and verdict of a recorded scan, for shopper reports. */
    public record ScanRef(long brandId, Long batchId, Long codeIndex, String verdict, String country, String deviceId) {
    }

    /** A recorded scan by id. */
    public Optional<ScanRef> find(long scanId) {
        return dsl.select(SCAN_EVENT.BRAND_ID, SCAN_EVENT.BATCH_ID, SCAN_EVENT.CODE_INDEX, SCAN_EVENT.VERDICT,
                        SCAN_EVENT.COUNTRY, SCAN_EVENT.DEVICE_ID)
                .from(SCAN_EVENT).where(SCAN_EVENT.ID.eq(scanId).and(SCAN_EVENT.BRAND_ID.isNotNull()))
                .fetchOptional(r -> new ScanRef(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /**
     * Adds a shopper's approximate location to their own recent scan, once: only if the device matches,
     * the scan is newer than notBefore and has no location yet. Returns false otherwise.
     */
    public boolean addLocation(long scanId, String deviceId, int latTenths, int lonTenths, OffsetDateTime notBefore) {
        return dsl.update(SCAN_EVENT).set(SCAN_EVENT.LAT_TENTHS, latTenths).set(SCAN_EVENT.LON_TENTHS, lonTenths)
                .where(SCAN_EVENT.ID.eq(scanId).and(SCAN_EVENT.DEVICE_ID.eq(deviceId))
                        .and(SCAN_EVENT.LAT_TENTHS.isNull()).and(SCAN_EVENT.SCANNED_AT.gt(notBefore)))
                .execute() == 1;
    }

    /**
     * Every scan of a brand that the filter keeps, newest first, one at a time from a database cursor. The days become
     * a range of scan ids (ids are time-ordered), so the read walks the primary key over those days only (and, on
     * PostgreSQL, only their monthly partitions); scanned_at then decides at the edges.
     */
    public void forEach(long brandId, ScanFilter filter, Cursors.Limits limits, Consumer<LoggedScan> each) {
        Condition where = SCAN_EVENT.BRAND_ID.eq(brandId);
        where = filter.batchId().map(SCAN_EVENT.BATCH_ID::eq).map(where::and).orElse(where);
        where = filter.codeIndex().map(SCAN_EVENT.CODE_INDEX::eq).map(where::and).orElse(where);
        where = filter.verdict().map(v -> SCAN_EVENT.VERDICT.eq(v.id())).map(where::and).orElse(where);
        Optional<OffsetDateTime> start = filter.window().start();
        Optional<OffsetDateTime> end = filter.window().end();
        if (start.isPresent()) {
            where = where.and(SCAN_EVENT.ID.ge(ScanIds.firstIdAt(start.get().minus(ID_CLOCK_SLACK).toInstant().toEpochMilli())))
                    .and(SCAN_EVENT.SCANNED_AT.ge(start.get()));
        }
        if (end.isPresent()) {
            where = where.and(SCAN_EVENT.ID.lt(ScanIds.firstIdAt(end.get().plus(ID_CLOCK_SLACK).toInstant().toEpochMilli())))
                    .and(SCAN_EVENT.SCANNED_AT.lt(end.get()));
        }
        Condition filtered = where;
        Cursors.stream(dsl, limits, tx -> tx.select(SCAN_EVENT.ID, SCAN_EVENT.SCANNED_AT, SCAN_EVENT.VERDICT, SCAN_EVENT.REASON,
                        SCAN_EVENT.BATCH_ID, SCAN_EVENT.CODE_INDEX, SCAN_EVENT.RISK, SCAN_EVENT.RISK_REASONS, SCAN_EVENT.COUNTRY,
                        SCAN_EVENT.LAT_TENTHS, SCAN_EVENT.LON_TENTHS, SCAN_EVENT.CLIENT_KIND, SCAN_EVENT.DEVICE_ID)
                .from(SCAN_EVENT).where(filtered).orderBy(SCAN_EVENT.ID.desc()),
                r -> each.accept(new LoggedScan(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7() == null ? null : r.value7().intValue(), r.value8(), r.value9(), r.value10(), r.value11(),
                        r.value12(), r.value13())));
    }

    /** Deletes up to limit scan events with ids below an id (ids are time-ordered); returns how many. */
    public int deleteIdsBelow(long id, int limit) {
        return dsl.deleteFrom(SCAN_EVENT).where(SCAN_EVENT.ID.in(
                DSL.select(SCAN_EVENT.ID).from(SCAN_EVENT).where(SCAN_EVENT.ID.lt(id)).orderBy(SCAN_EVENT.ID).limit(limit)))
                .execute();
    }
}
