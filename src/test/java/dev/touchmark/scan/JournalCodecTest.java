package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 29, 11, 40, 7, 123_456_789, ZoneOffset.UTC);

    private static ScanToRecord tracked() {
        return new ScanToRecord(7, 42L, 1234L, true, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "FR", 488, 23, "iphash", "page",
                "released", new LinkedHashSet<>(List.of("FR", "DE")), null, (h, a) -> new Outcome("genuine", null));
    }

    private static ScanToRecord forged() {
        return new ScanToRecord(9, null, null, false, null, null, null, null, null, "api", null, null, "bad_signature",
                (h, a) -> new Outcome("not_genuine", "bad_signature"));
    }

    @Test
    void aGroupComesBackAsItWasWritten() {
        List<JournalCodec.Entry> entries = List.of(
                new JournalCodec.Entry(1001, tracked(), new Outcome("seen_before", null),
                        new Assessment(45, List.of("other_devices", "known_hotspot"), false)),
                new JournalCodec.Entry(1002, forged(), new Outcome("not_genuine", "bad_signature"),
                        new Assessment(100, List.of("forged"), true)));
        JournalCodec.Group group = JournalCodec.decode(JournalCodec.encode(17, AT, 3, entries));

        assertEquals(17, group.seq());
        assertEquals(AT, group.at(), "to the nanosecond, so the rows written again carry the same time");
        assertEquals(3, group.unreadable());
        assertEquals(2, group.entries().size());
        JournalCodec.Entry first = group.entries().get(0);
        ScanToRecord s = first.scan();
        ScanToRecord t = tracked();
        assertEquals(List.of(t.brandId(), t.batchId(), t.codeIndex(), t.tracksCode(), t.deviceId(), t.country(), t.latTenths(),
                        t.lonTenths(), t.ipHash(), t.clientKind(), t.batchStatus(), List.copyOf(t.markets())),
                Arrays.asList(s.brandId(), s.batchId(), s.codeIndex(), s.tracksCode(), s.deviceId(), s.country(), s.latTenths(),
                        s.lonTenths(), s.ipHash(), s.clientKind(), s.batchStatus(), List.copyOf(s.markets())));
        assertEquals(1001, first.id());
        assertEquals(new Outcome("seen_before", null), first.outcome());
        assertEquals(new Assessment(45, List.of("other_devices", "known_hotspot"), false), first.assessment());
        assertEquals(new Outcome("seen_before", null), s.decide().apply(null, null),
                "applied again, the scan gets the verdict it was answered with, whatever the state says now");

        ScanToRecord f = group.entries().get(1).scan();
        assertEquals(Arrays.asList(9L, null, null, false, null, null, null, null, null, "api", null, null, "bad_signature"),
                Arrays.asList(f.brandId(), f.batchId(), f.codeIndex(), f.tracksCode(), f.deviceId(), f.country(), f.latTenths(),
                        f.lonTenths(), f.ipHash(), f.clientKind(), f.batchStatus(), f.markets(), f.notGenuineReason()));
        assertEquals(new Outcome("not_genuine", "bad_signature"), group.entries().get(1).outcome());
    }

    @Test
    void aGroupOfOnlyUnreadableScans() {
        JournalCodec.Group group = JournalCodec.decode(JournalCodec.encode(5, AT, 12, List.of()));
        assertEquals(12, group.unreadable());
        assertEquals(List.of(), group.entries());
    }

    @Test
    void framesThisCodeDidNotWriteAreRefused() {
        byte[] good = JournalCodec.encode(5, AT, 0, List.of(new JournalCodec.Entry(1, forged(),
                new Outcome("not_genuine", "bad_signature"), Assessment.CLEAN)));
        byte[] otherVersion = good.clone();
        otherVersion[8] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(otherVersion));
        assertEquals("scan journal frame 5 has version 2, not 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(Arrays.copyOf(good, good.length - 3)));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(longer));
        assertNull(JournalCodec.decode(good).entries().get(0).scan().markets());
    }
}
