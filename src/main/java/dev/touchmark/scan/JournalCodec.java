package dev.touchmark.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A group of recorded scans as a journal frame, and back: everything the writer needs to record them again
 * exactly as it did (ids, time, each scan as queued, its verdict and its risk), so a group applied again after
 * a crash writes the same rows and raises the same alerts. Version 1 layout: seq, version, time (epoch second,
 * nano), unreadable count, scan count, then per scan its fields in record order (nullable ones behind a flag).
 */
final class JournalCodec {
    private static final int VERSION = 1;

    private JournalCodec() {
    }

    /** One scan of a group: its id, the scan as queued (without its verdict function), verdict and risk. */
    record Entry(long id, ScanToRecord scan, Outcome outcome, Assessment assessment) {
    }

    /** A decoded group. */
    record Group(long seq, OffsetDateTime at, long unreadable, List<Entry> entries) {
    }

    static byte[] encode(long seq, OffsetDateTime at, long unreadable, List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seq);
            out.writeByte(VERSION);
            Instant instant = at.toInstant();
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
            out.writeLong(unreadable);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                ScanToRecord s = e.scan();
                out.writeLong(e.id());
                out.writeLong(s.brandId());
                writeLong(out, s.batchId());
                writeLong(out, s.codeIndex());
                out.writeBoolean(s.tracksCode());
                writeString(out, s.deviceId());
                writeString(out, s.country());
                writeInt(out, s.latTenths());
                writeInt(out, s.lonTenths());
                writeString(out, s.ipHash());
                writeString(out, s.clientKind());
                writeString(out, s.batchStatus());
                out.writeBoolean(s.markets() != null);
                if (s.markets() != null) {
                    out.writeShort(s.markets().size());
                    for (String market : s.markets()) {
                        out.writeUTF(market);
                    }
                }
                writeString(out, s.notGenuineReason());
                out.writeUTF(e.outcome().verdict());
                writeString(out, e.outcome().reason());
                out.writeInt(e.assessment().risk());
                out.writeShort(e.assessment().reasons().size());
                for (String reason : e.assessment().reasons()) {
                    out.writeUTF(reason);
                }
                out.writeBoolean(e.assessment().suspect());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return bytes.toByteArray();
    }

    /** The group in a frame; fails with IllegalArgumentException for a payload this code did not write. */
    static Group decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            long seq = in.readLong();
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("scan journal frame " + seq + " has version " + version + ", not " + VERSION);
            }
            OffsetDateTime at = Instant.ofEpochSecond(in.readLong(), in.readInt()).atOffset(ZoneOffset.UTC);
            long unreadable = in.readLong();
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                long brandId = in.readLong();
                Long batchId = readLong(in);
                Long codeIndex = readLong(in);
                boolean tracksCode = in.readBoolean();
                String deviceId = readString(in);
                String country = readString(in);
                Integer lat = readInt(in);
                Integer lon = readInt(in);
                String ipHash = readString(in);
                String clientKind = readString(in);
                String batchStatus = readString(in);
                Set<String> markets = null;
                if (in.readBoolean()) {
                    int n = in.readShort();
                    markets = new LinkedHashSet<>();
                    for (int m = 0; m < n; m++) {
                        markets.add(in.readUTF());
                    }
                }
                String notGenuineReason = readString(in);
                Outcome outcome = new Outcome(in.readUTF(), readString(in));
                int risk = in.readInt();
                int reasonCount = in.readShort();
                List<String> reasons = new ArrayList<>(reasonCount);
                for (int r = 0; r < reasonCount; r++) {
                    reasons.add(in.readUTF());
                }
                Assessment assessment = new Assessment(risk, reasons, in.readBoolean());
                ScanToRecord scan = new ScanToRecord(brandId, batchId, codeIndex, tracksCode, deviceId, country, lat, lon,
                        ipHash, clientKind, batchStatus, markets, notGenuineReason, (history, judged) -> outcome);
                entries.add(new Entry(id, scan, outcome, assessment));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("scan journal frame " + seq + " has " + in.available() + " bytes too many");
            }
            return new Group(seq, at, unreadable, entries);
        } catch (IOException e) {
            throw new IllegalArgumentException("a scan journal frame is cut short: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeInt(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readInt(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}
