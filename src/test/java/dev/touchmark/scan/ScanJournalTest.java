package dev.touchmark.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanJournalTest {
    @TempDir
    Path dir;

    private static byte[] payload(long seq, int extra) {
        ByteBuffer b = ByteBuffer.allocate(8 + extra);
        b.putLong(seq);
        for (int i = 0; i < extra; i++) {
            b.put((byte) (seq + i));
        }
        return b.array();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }

    @Test
    void framesReadBackInOrderAcrossSegments() throws IOException {
        try (ScanJournal journal = ScanJournal.open(dir, 100, false)) {
            journal.startAfresh(1);
            for (long seq = 1; seq <= 5; seq++) {
                journal.rotateIfFull(seq);
                journal.append(payload(seq, 40));
            }
            assertEquals(3, segments().size(), "48-byte frames, a new segment once one holds 100 bytes or more");
            List<ScanJournal.Frame> frames = journal.readAll();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), frames.stream().map(ScanJournal.Frame::seq).toList());
            assertArrayEquals(payload(4, 40), frames.get(3).payload());
        }
    }

    @Test
    void withSyncEveryAppendAndNewSegmentIsForcedToTheDisk() throws IOException {
        try (ScanJournal journal = ScanJournal.open(dir, 100, true)) {
            journal.startAfresh(1);
            assertEquals(1, journal.syncs(), "the new segment and its name in the folder");
            for (long seq = 1; seq <= 3; seq++) {
                journal.rotateIfFull(seq);
                journal.append(payload(seq, 40));
            }
            // 56-byte frames in 100-byte segments: appends 1, 2 and 3, and the segment opened before the third.
            assertEquals(5, journal.syncs());
            assertEquals(List.of(1L, 2L, 3L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList());
            journal.undo(0); // the third frame, first in its segment
            assertEquals(6, journal.syncs());
            assertEquals(List.of(1L, 2L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList());
        }
        try (ScanJournal journal = ScanJournal.open(dir, 100, false)) {
            journal.startAfresh(1);
            journal.append(payload(1, 40));
            assertEquals(0, journal.syncs(), "without sync, nothing is forced");
        }
    }

    @Test
    void aFrameCutShortOrDamagedEndsItsSegment() throws IOException {
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            journal.startAfresh(7);
            journal.append(payload(7, 10));
            journal.append(payload(8, 10));
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        // A crash in the middle of the next append: only part of its header and payload reached the file.
        Files.write(segment, new byte[] {0, 0, 0, 30, 1, 2, 3, 4, 0, 0}, StandardOpenOption.APPEND);
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            assertEquals(List.of(7L, 8L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList());
        }
        // A flipped bit in the second frame's payload: its checksum no longer matches, so it and what follows are ignored.
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            channel.truncate(whole);
            long second = whole / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, second + 12);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, second + 12);
        }
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            assertEquals(List.of(7L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList());
        }
    }

    @Test
    void undoTakesBackTheLastFrame() {
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            journal.startAfresh(1);
            journal.append(payload(1, 3));
            long at = journal.append(payload(2, 3));
            journal.undo(at);
            journal.append(payload(3, 3));
            assertEquals(List.of(1L, 3L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList());
        }
    }

    @Test
    void fullSegmentsAreDroppedOnceCheckpointedAndEverythingOnCleanShutdown() throws IOException {
        try (ScanJournal journal = ScanJournal.open(dir, 10, false)) {
            journal.startAfresh(1);
            for (long seq = 1; seq <= 4; seq++) {
                journal.rotateIfFull(seq);
                journal.append(payload(seq, 4));
            }
            assertEquals(4, segments().size());
            journal.dropUpTo(2);
            assertEquals(List.of(3L, 4L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList(),
                    "segments whose groups all reached the database file are gone, the rest stay");
            journal.dropUpTo(10);
            assertEquals(List.of(4L), journal.readAll().stream().map(ScanJournal.Frame::seq).toList(),
                    "the segment being written stays until it is full");
            journal.deleteAll();
            assertEquals(List.of(), segments());
        }
    }

    @Test
    void startingAfreshDeletesAppliedSegments() throws IOException {
        try (ScanJournal journal = ScanJournal.open(dir, 10, false)) {
            journal.startAfresh(1);
            journal.append(payload(1, 4));
            journal.rotateIfFull(2);
            journal.append(payload(2, 4));
        }
        try (ScanJournal journal = ScanJournal.open(dir, 10, false)) {
            assertEquals(2, journal.readAll().size());
            journal.startAfresh(3);
            assertEquals(List.of(), journal.readAll());
            assertEquals(List.of(dir.resolve("scans-00000000000000000003.journal")), segments());
        }
    }

    @Test
    void oneServerAtATimeAndAStoppedServersScansAreReported() throws IOException {
        assertFalse(ScanJournal.holdsUnappliedScans(dir.resolve("none")), "no folder");
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            journal.startAfresh(1);
            journal.append(payload(1, 4));
            assertFalse(ScanJournal.holdsUnappliedScans(dir), "a running server applies its journal itself");
            // The lock is per process in Java: a second open in this process fails like one from another process.
            ScanJournal.JournalException e = assertThrows(ScanJournal.JournalException.class, () -> ScanJournal.open(dir, 1 << 20, false));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        assertTrue(ScanJournal.holdsUnappliedScans(dir), "segments left by a server that stopped without shutting down");
        try (ScanJournal journal = ScanJournal.open(dir, 1 << 20, false)) {
            journal.deleteAll();
        }
        assertFalse(ScanJournal.holdsUnappliedScans(dir), "after a clean shutdown");
    }

    @Test
    void aFolderThatCannotBeMadeIsRefusedWithItsName() throws IOException {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        ScanJournal.JournalException e = assertThrows(ScanJournal.JournalException.class,
                () -> ScanJournal.open(file.resolve("journal"), 1 << 20, false));
        assertTrue(e.getMessage().contains(file.resolve("journal").toString()), e.getMessage());
    }
}
