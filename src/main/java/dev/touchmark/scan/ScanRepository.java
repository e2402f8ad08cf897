package dev.touchmark.scan;

import static dev.touchmark.db.jooq.Tables.CODE_DEVICE;
import static dev.touchmark.db.jooq.Tables.CODE_STATE;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;
import static dev.touchmark.db.jooq.Tables.UNREADABLE_SCAN_COUNT;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.Row3;
import org.jooq.impl.DSL;

/** SQL for the scan log; only the scan writer writes through it. */
public final class ScanRepository {
    private final DSLContext dsl;
    private final boolean postgres;

    public ScanRepository(DSLContext dsl, boolean postgres) {
        this.dsl = dsl;
        this.postgres = postgres;
    }

    /** The jOOQ context, for the writer's transactions. */
    DSLContext dsl() {
        return dsl;
    }

    /** A code of a batch. */
    public record CodeKey(long batchId, long index) {
    }

    /** A device that scanned a code. */
    public record DeviceKey(CodeKey code, String deviceId) {
    }

    /** Stored state of a code, mutable while one writer batch works on it. */
    static final class State {
        final long brandId;
        final OffsetDateTime firstScanAt;
        final String firstCountry;
        final String firstDeviceId;
        long scanCount;
        int deviceCount;
        long addedScans;
        int addedDevices;
        OffsetDateTime lastScanAt;
        final boolean stored;

        State(long brandId, OffsetDateTime firstScanAt, String firstDeviceId, String firstCountry, long scanCount,
              int deviceCount, boolean stored) {
            this.brandId = brandId;
            this.firstScanAt = firstScanAt;
            this.firstDeviceId = firstDeviceId;
            this.firstCountry = firstCountry;
            this.scanCount = scanCount;
            this.deviceCount = deviceCount;
            this.lastScanAt = firstScanAt;
            this.stored = stored;
        }

        /** This state as stored once its group is committed: a copy, with nothing added yet. */
        State committed() {
            State copy = new State(brandId, firstScanAt, firstDeviceId, firstCountry, scanCount, deviceCount, true);
            copy.lastScanAt = lastScanAt;
            return copy;
        }
    }

    /** One row of the scan log. */
    record Event(long id, OffsetDateTime at, ScanToRecord scan, Outcome outcome, Assessment assessment) {
    }

    Map<CodeKey, State> loadStates(Collection<CodeKey> codes) {
        Map<CodeKey, State> states = new HashMap<>();
        if (codes.isEmpty()) {
            return states;
        }
        if (postgres) {
            // One round trip: PostgreSQL answers a row-value IN list from the primary key index.
            List<Row2<Long, Long>> rows = codes.stream().map(c -> DSL.row(c.batchId(), c.index())).toList();
            dsl.select(CODE_STATE.BATCH_ID, CODE_STATE.CODE_INDEX, CODE_STATE.BRAND_ID, CODE_STATE.FIRST_SCAN_AT,
                            CODE_STATE.FIRST_DEVICE_ID, CODE_STATE.FIRST_COUNTRY, CODE_STATE.SCAN_COUNT, CODE_STATE.DEVICE_COUNT)
                    .from(CODE_STATE).where(DSL.row(CODE_STATE.BATCH_ID, CODE_STATE.CODE_INDEX).in(rows))
                    .forEach(r -> states.put(new CodeKey(r.value1(), r.value2()),
                            new State(r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), true)));
            return states;
        }
        // Embedded H2 has no round trip, but does not use the index for row-value IN: look each key up.
        dsl.connection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT brand_id, first_scan_at, first_device_id,"
                    + " first_country, scan_count, device_count FROM code_state WHERE batch_id = ? AND code_index = ?")) {
                for (CodeKey code : codes) {
                    select.setLong(1, code.batchId());
                    select.setLong(2, code.index());
                    try (ResultSet r = select.executeQuery()) {
                        if (r.next()) {
                            states.put(code, new State(r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getString(3),
                                    r.getString(4), r.getLong(5), r.getInt(6), true));
                        }
                    }
                }
            }
        });
        return states;
    }

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
                    .forEach(r -> known.add(new DeviceKey(new CodeKey(r.value1(), r.value2()), r.value3())));
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
                    + " risk, risk_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Event e : events) {
                    ScanToRecord s = e.scan();
                    insert.setLong(1, e.id());
                    insert.setObject(2, e.at());
                    insert.setLong(3, s.brandId());
                    insert.setObject(4, s.batchId(), Types.BIGINT);
                    insert.setObject(5, s.codeIndex(), Types.BIGINT);
                    insert.setString(6, e.outcome().verdict());
                    insert.setString(7, e.outcome().reason());
                    insert.setString(8, s.deviceId());
                    insert.setString(9, s.country());
                    insert.setObject(10, s.latTenths(), Types.INTEGER);
                    insert.setObject(11, s.lonTenths(), Types.INTEGER);
                    insert.setString(12, s.ipHash());
                    insert.setString(13, s.clientKind());
                    insert.setInt(14, e.assessment().risk());
                    insert.setString(15, e.assessment().reasonList());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    void saveStates(Map<CodeKey, State> states, OffsetDateTime now) {
        dsl.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO code_state (batch_id, code_index,"
                    + " brand_id, first_scan_at, first_device_id, first_country, last_scan_at, scan_count, device_count)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 // Increments rather than absolute values, so two nodes recording the same code add up.
                 PreparedStatement update = connection.prepareStatement("UPDATE code_state SET scan_count = scan_count + ?,"
                         + " device_count = device_count + ?, last_scan_at = ? WHERE batch_id = ? AND code_index = ?")) {
                int inserts = 0;
                int updates = 0;
                for (Map.Entry<CodeKey, State> entry : states.entrySet()) {
                    CodeKey key = entry.getKey();
                    State s = entry.getValue();
                    if (!s.stored) {
                        insert.setLong(1, key.batchId());
                        insert.setLong(2, key.index());
                        insert.setLong(3, s.brandId);
                        insert.setObject(4, s.firstScanAt);
                        insert.setString(5, s.firstDeviceId);
                        insert.setString(6, s.firstCountry);
                        insert.setObject(7, s.lastScanAt);
                        insert.setLong(8, s.scanCount);
                        insert.setInt(9, s.deviceCount);
                        insert.addBatch();
                        inserts++;
                    } else if (s.addedScans > 0) {
                        update.setLong(1, s.addedScans);
                        update.setInt(2, s.addedDevices);
                        update.setObject(3, now);
                        update.setLong(4, key.batchId());
                        update.setLong(5, key.index());
                        update.addBatch();
                        updates++;
                    }
                }
                if (inserts > 0) {
                    insert.executeBatch();
                }
                if (updates > 0) {
                    update.executeBatch();
                }
            }
        });
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

    /** Which of these scan ids are in the scan log. */
    Set<Long> existingScanIds(Collection<Long> ids) {
        return new HashSet<>(dsl.select(SCAN_EVENT.ID).from(SCAN_EVENT).where(SCAN_EVENT.ID.in(ids)).fetch(SCAN_EVENT.ID));
    }

    /** The journal sequence number of the last group of scans in the tables (embedded H2; see ScanJournal). */
    long journalMark() {
        long[] seq = {0};
        dsl.connection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq FROM scan_journal_mark WHERE id = 1");
                 ResultSet r = select.executeQuery()) {
                seq[0] = r.next() ? r.getLong(1) : 0;
            }
        });
        return seq[0];
    }

    /** Stores, in the group's transaction, that the group with this journal sequence number is in the tables. */
    void setJournalMark(long seq) {
        dsl.connection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE scan_journal_mark SET seq = ? WHERE id = 1")) {
                update.setLong(1, seq);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("the scan_journal_mark row is missing (migration V8)");
                }
            }
        });
    }

    void addUnreadable(LocalDate day, long scans) {
        int updated = dsl.update(UNREADABLE_SCAN_COUNT).set(UNREADABLE_SCAN_COUNT.SCANS, UNREADABLE_SCAN_COUNT.SCANS.plus(scans))
                .where(UNREADABLE_SCAN_COUNT.SCAN_DAY.eq(day)).execute();
        if (updated == 0) {
            dsl.insertInto(UNREADABLE_SCAN_COUNT).set(UNREADABLE_SCAN_COUNT.SCAN_DAY, day)
                    .set(UNREADABLE_SCAN_COUNT.SCANS, scans).execute();
        }
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

    /** Deletes up to limit scan events with ids below an id (ids are time-ordered); returns how many. */
    public int deleteIdsBelow(long id, int limit) {
        return dsl.deleteFrom(SCAN_EVENT).where(SCAN_EVENT.ID.in(
                DSL.select(SCAN_EVENT.ID).from(SCAN_EVENT).where(SCAN_EVENT.ID.lt(id)).orderBy(SCAN_EVENT.ID).limit(limit)))
                .execute();
    }
}
