package dev.touchmark.scan;

import dev.touchmark.db.SqlFailures;
import dev.touchmark.domain.CodeRef;
import dev.touchmark.scan.ScanRepository.DeviceKey;
import dev.touchmark.scan.ScanRepository.State;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one group's transaction: lock the group's codes, decide every scan in queue order from the state the
 * database holds under those locks, write the scan events, states and new devices, run detection in a savepoint, then
 * add the scans to the dashboard's counts ({@link ScanCounts}).
 * Scans that count for nothing (link previews, staff checks: see ScanToRecord.counted) are written to the log, marked,
 * with a verdict from their code's history as it stands; they lock, create and advance no state and meet no rule.
 * {@link ScanRecorder} runs it in a transaction, retries it, and answers the scans.
 */
final class GroupWrite {
    private static final Logger LOG = LoggerFactory.getLogger(GroupWrite.class);
    private final ScanRepository repository;
    private final ScanJudge judge;
    private final ScanIds ids;
    private final ScanCounts counts;

    GroupWrite(ScanRepository repository, ScanJudge judge, ScanIds ids) {
        this.repository = repository;
        this.judge = judge;
        this.ids = ids;
        this.counts = new ScanCounts(repository.dsl());
    }

    List<RecordedScan> write(List<ScanToRecord> group, long unreadableNow, OffsetDateTime now) {
        Map<CodeRef, ScanRepository.Seed> seeds = new LinkedHashMap<>();
        Set<DeviceKey> devices = new HashSet<>();
        Set<CodeRef> peeked = new LinkedHashSet<>();
        for (ScanToRecord scan : group) {
            if (scan.tracksCode() && !scan.counted()) {
                peeked.add(scan.code());
            } else if (scan.tracksCode()) {
                CodeRef code = new CodeRef(scan.batchId(), scan.codeIndex());
                seeds.putIfAbsent(code, new ScanRepository.Seed(code, scan.brandId(), scan.shopper().deviceId(), scan.shopper().country()));
                if (scan.phoneId() != null) {
                    devices.add(new DeviceKey(code, scan.phoneId()));
                }
                if (scan.householdKey() != null) {
                    devices.add(new DeviceKey(code, scan.householdKey()));
                    devices.add(new DeviceKey(code, CodeStates.memberKey(scan.phoneId())));
                }
                if (scan.cookieNetworkKey() != null) {
                    devices.add(new DeviceKey(code, scan.cookieNetworkKey()));
                }
            }
        }
        judge.startGroup(group);
        Map<CodeRef, State> states = repository.lockStates(List.copyOf(seeds.values()), now);
        // Codes only uncounted scans name are read, never created or locked: a preview or a staff check leaves no trace
        // in a code's state (its first scan stays the first shopper's).
        peeked.removeAll(states.keySet());
        Map<CodeRef, State> read = repository.peekStates(peeked);
        Set<DeviceKey> known = repository.knownDevices(devices);
        CodeStates.MarkCounter marks = new CodeStates.MarkCounter() {
            @Override
            public int count(CodeRef code, String prefix) {
                return repository.countMarks(code, prefix);
            }

            @Override
            public int scansFrom(CodeRef code, String deviceId, String ipHash) {
                return repository.countScansFrom(code, deviceId, ipHash);
            }
        };
        List<DeviceKey> newDevices = new ArrayList<>();
        List<ScanRepository.Event> events = new ArrayList<>(group.size());
        List<ScanJudge.Judged> judged = new ArrayList<>(group.size());
        List<RecordedScan> recorded = new ArrayList<>(group.size());
        for (ScanToRecord scan : group) {
            long id = ids.next();
            CodeHistory history;
            Assessment assessment;
            if (scan.counted()) {
                history = scan.tracksCode() ? CodeStates.advance(scan, id, now, states, known, newDevices, marks) : null;
                assessment = judge.assess(scan, history, id, now);
            } else {
                history = scan.tracksCode() ? CodeStates.peek(states.getOrDefault(scan.code(), read.get(scan.code()))) : null;
                assessment = judge.assessUncounted(scan, history);
            }
            Outcome outcome = scan.decide().apply(history, assessment);
            events.add(new ScanRepository.Event(id, now, scan, outcome, assessment));
            if (scan.counted()) {
                judged.add(new ScanJudge.Judged(id, scan, history, outcome, assessment));
            }
            recorded.add(new RecordedScan(id, outcome, history, assessment));
        }
        if (!events.isEmpty()) {
            repository.insertEvents(events);
            repository.saveStates(states);
            repository.insertDevices(newDevices, now);
        }
        if (!judged.isEmpty()) {
            detect(judged, now);
            // After detection, whose burst rule compares the group with the hour's count before it.
            counts.add(judged, now);
        }
        if (unreadableNow > 0) {
            repository.addUnreadable(LocalDate.ofInstant(now.toInstant(), ZoneOffset.UTC), unreadableNow);
        }
        return recorded;
    }

    /**
     * Detection runs in a savepoint of the group's transaction: if a rule fails, the scans are still recorded and
     * answered (a bug in a rule must never block verification), and the failure is logged. A deadlock or
     * serialization failure is not a rule's failure: the whole group is tried again. The savepoint is set on
     * the transaction's connection directly (the judge's queries run on that same connection), not as a nested jOOQ
     * transaction, which copied jOOQ's whole configuration for every group.
     */
    private void detect(List<ScanJudge.Judged> judged, OffsetDateTime now) {
        repository.dsl().connection(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                judge.afterWrite(judged, now);
            } catch (RuntimeException e) {
                if (SqlFailures.retryable(e) || SqlFailures.unavailable(e)) {
                    throw e; // the whole group is tried again (or failed), never recorded without its detection
                }
                connection.rollback(savepoint);
                LOG.error("Detection failed for a group of {} scans; they are recorded without alerts", judged.size(), e);
                return;
            }
            connection.releaseSavepoint(savepoint);
        });
    }
}
