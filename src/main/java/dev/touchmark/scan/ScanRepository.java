package dev.touchmark.scan;

import static dev.touchmark.db.jooq.Tables.CODE_DEVICE;
import static dev.touchmark.db.jooq.Tables.CODE_STATE;
import static dev.touchmark.db.jooq.Tables.SCAN_EVENT;
import static dev.touchmark.db.jooq.Tables.UNREADABLE_SCAN_COUNT;

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

    public ScanRepository(DSLContext dsl) {
        this.dsl = dsl;
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
    }

    /** One row of the scan log. */
    record Event(long id, OffsetDateTime at, ScanToRecord scan, Outcome outcome) {
    }

    Map<CodeKey, State> loadStates(Collection<CodeKey> codes) {
        Map<CodeKey, State> states = new HashMap<>();
        if (codes.isEmpty()) {
            return states;
        }
        List<Row2<Long, Long>> rows = codes.stream().map(c -> DSL.row(c.batchId(), c.index())).toList();
        dsl.select(CODE_STATE.BATCH_ID, CODE_STATE.CODE_INDEX, CODE_STATE.BRAND_ID, CODE_STATE.FIRST_SCAN_AT,
                        CODE_STATE.FIRST_DEVICE_ID, CODE_STATE.FIRST_COUNTRY, CODE_STATE.SCAN_COUNT, CODE_STATE.DEVICE_COUNT)
                .from(CODE_STATE).where(DSL.row(CODE_STATE.BATCH_ID, CODE_STATE.CODE_INDEX).in(rows))
                .forEach(r -> states.put(new CodeKey(r.value1(), r.value2()),
                        new State(r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), true)));
        return states;
    }

    Set<DeviceKey> knownDevices(Collection<DeviceKey> devices) {
        Set<DeviceKey> known = new HashSet<>();
        if (devices.isEmpty()) {
            return known;
        }
        List<Row3<Long, Long, String>> rows = devices.stream()
                .map(d -> DSL.row(d.code().batchId(), d.code().index(), d.deviceId())).toList();
        dsl.select(CODE_DEVICE.BATCH_ID, CODE_DEVICE.CODE_INDEX, CODE_DEVICE.DEVICE_ID).from(CODE_DEVICE)
                .where(DSL.row(CODE_DEVICE.BATCH_ID, CODE_DEVICE.CODE_INDEX, CODE_DEVICE.DEVICE_ID).in(rows))
                .forEach(r -> known.add(new DeviceKey(new CodeKey(r.value1(), r.value2()), r.value3())));
        return known;
    }

    void insertEvents(List<Event> events) {
        var insert = dsl.insertInto(SCAN_EVENT, SCAN_EVENT.ID, SCAN_EVENT.SCANNED_AT, SCAN_EVENT.BRAND_ID,
                SCAN_EVENT.BATCH_ID, SCAN_EVENT.CODE_INDEX, SCAN_EVENT.VERDICT, SCAN_EVENT.REASON, SCAN_EVENT.DEVICE_ID,
                SCAN_EVENT.COUNTRY, SCAN_EVENT.LAT_TENTHS, SCAN_EVENT.LON_TENTHS, SCAN_EVENT.IP_HASH, SCAN_EVENT.CLIENT_KIND);
        for (Event e : events) {
            ScanToRecord s = e.scan();
            insert = insert.values(e.id(), e.at(), s.brandId(), s.batchId(), s.codeIndex(), e.outcome().verdict(),
                    e.outcome().reason(), s.deviceId(), s.country(), s.latTenths(), s.lonTenths(), s.ipHash(), s.clientKind());
        }
        insert.execute();
    }

    void saveStates(Map<CodeKey, State> states, OffsetDateTime now) {
        var batch = new java.util.ArrayList<org.jooq.Query>();
        for (Map.Entry<CodeKey, State> entry : states.entrySet()) {
            CodeKey key = entry.getKey();
            State s = entry.getValue();
            if (!s.stored) {
                batch.add(dsl.insertInto(CODE_STATE)
                        .set(CODE_STATE.BATCH_ID, key.batchId()).set(CODE_STATE.CODE_INDEX, key.index())
                        .set(CODE_STATE.BRAND_ID, s.brandId).set(CODE_STATE.FIRST_SCAN_AT, s.firstScanAt)
                        .set(CODE_STATE.FIRST_DEVICE_ID, s.firstDeviceId).set(CODE_STATE.FIRST_COUNTRY, s.firstCountry)
                        .set(CODE_STATE.LAST_SCAN_AT, s.lastScanAt).set(CODE_STATE.SCAN_COUNT, s.scanCount)
                        .set(CODE_STATE.DEVICE_COUNT, s.deviceCount));
            } else if (s.addedScans > 0) {
                // Increments rather than absolute values, so two nodes recording the same code add up.
                batch.add(dsl.update(CODE_STATE)
                        .set(CODE_STATE.SCAN_COUNT, CODE_STATE.SCAN_COUNT.plus(s.addedScans))
                        .set(CODE_STATE.DEVICE_COUNT, CODE_STATE.DEVICE_COUNT.plus(s.addedDevices))
                        .set(CODE_STATE.LAST_SCAN_AT, now)
                        .where(CODE_STATE.BATCH_ID.eq(key.batchId()).and(CODE_STATE.CODE_INDEX.eq(key.index()))));
            }
        }
        if (!batch.isEmpty()) {
            dsl.batch(batch).execute();
        }
    }

    void insertDevices(List<DeviceKey> devices, OffsetDateTime now) {
        if (devices.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(CODE_DEVICE, CODE_DEVICE.BATCH_ID, CODE_DEVICE.CODE_INDEX, CODE_DEVICE.DEVICE_ID,
                CODE_DEVICE.FIRST_SEEN_AT);
        for (DeviceKey d : devices) {
            insert = insert.values(d.code().batchId(), d.code().index(), d.deviceId(), now);
        }
        insert.execute();
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

    /** Deletes scan events older than a moment; returns how many. */
    public int deleteOlderThan(OffsetDateTime cutoff, int limit) {
        return dsl.deleteFrom(SCAN_EVENT).where(SCAN_EVENT.ID.in(
                DSL.select(SCAN_EVENT.ID).from(SCAN_EVENT).where(SCAN_EVENT.SCANNED_AT.lt(cutoff)).limit(limit))).execute();
    }
}
