package dev.touchmark.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan writer's journal on embedded H2: an append-only log of the groups of scans it records, in
 * segment files next to the database file. A group is appended (one write to the file, which a crash of the
 * process cannot undo) before its transaction commits and before any of its scans is answered; H2 writes its
 * own file only every few hundred milliseconds (much cheaper than at every commit). After a crash, the groups
 * the database file lacks (sequence numbers above the one stored with the last group it has) are applied
 * again from here; once a checkpoint has written the database file, the segments it covers are deleted.
 *
 * <p>A segment ({@code scans-<first sequence number>.journal}) is a series of frames: payload length (4 bytes),
 * CRC-32C of the payload (4 bytes), payload (starting with the group's sequence number). A frame cut short by
 * a crash, or damaged, ends the readable part of its segment. The folder is locked while a server uses it.
 * Without sync, a frame is in the operating system's cache when append returns: safe from a crash of the server
 * (its SIGKILL included), not from a power cut; with sync, every append (and a new segment's name in the folder)
 * is also forced to the disk first.
 * Appending, undoing an append and rotating happen on the writer thread; dropping segments on another.
 */
public final class ScanJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScanJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("scans-(\\d{20})\\.journal");
    private static final int HEADER = 8;
    /** Frames larger than this are not written by this code; a larger length read back means damage. */
    static final int MAX_FRAME = 64 << 20;
    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean sync;
    private long syncs;
    private final List<Closed> closed = new ArrayList<>();
    private FileChannel current;
    private Path currentPath;
    private long end;

    /** A frame read back: the group's sequence number and the payload (which starts with it). */
    public record Frame(long seq, byte[] payload) {
    }

    private record Closed(Path path, long lastSeq) {
    }

    private ScanJournal(Path dir, long segmentBytes, boolean sync, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.sync = sync;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The journal folder for an embedded H2 database named by {@code base} (its path without {@code .mv.db}). */
    public static Path folderFor(Path base) {
        return base.resolveSibling(base.getFileName() + ".scan-journal");
    }

    /**
     * Opens (creating if needed) and locks the journal folder; segments start anew past {@code segmentBytes};
     * {@code sync} forces every append to the disk before it returns. Fails with a message naming the folder if it
     * cannot be written or another process holds it.
     */
    public static ScanJournal open(Path dir, long segmentBytes, boolean sync) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new JournalException("another Touchmark server is recording scans into this database: its scan journal "
                        + dir + " is locked. Run one server per embedded H2 database (use PostgreSQL for several)");
            }
            return new ScanJournal(dir, segmentBytes, sync, channel, lock);
        } catch (OverlappingFileLockException e) {
            // This process holds it already. The channel stays open: closing any channel on the file would release
            // the lock the other one holds (file locks belong to the process).
            throw new JournalException("another scan writer of this process is recording scans into this database: its scan"
                    + " journal " + dir + " is locked");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("cannot use the scan journal folder " + dir + ": " + e.getMessage());
        } catch (JournalException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * True if the folder holds segments and no server holds it: the scans of a server that stopped without
     * shutting down, which may not all be in the database file until a server starts on it again.
     */
    public static boolean holdsUnappliedScans(Path dir) {
        if (!Files.isDirectory(dir) || segments(dir).isEmpty()) {
            return false;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                return false; // a running server holds it, and it applies its journal as it goes
            }
            lock.release();
            closeQuietly(channel);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a server in this process holds it; closing this channel would release its lock
        } catch (IOException e) {
            closeQuietly(channel);
            return false;
        }
    }

    /** Every readable frame of every segment, oldest first. */
    public List<Frame> readAll() {
        List<Frame> frames = new ArrayList<>();
        List<Path> segments = segments(dir);
        for (Path segment : segments) {
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
                long size = channel.size();
                long position = 0;
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (position + HEADER <= size) {
                    header.clear();
                    readFully(channel, header, position);
                    int length = header.getInt(0);
                    int crc = header.getInt(4);
                    if (length < 8 || length > MAX_FRAME || position + HEADER + length > size) {
                        break;
                    }
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    readFully(channel, payload, position + HEADER);
                    if (crc(payload.array()) != crc) {
                        break;
                    }
                    frames.add(new Frame(payload.getLong(0), payload.array()));
                    position += HEADER + length;
                }
                if (position < size && segment.equals(segments.get(segments.size() - 1))) {
                    LOG.warn("The scan journal segment {} ends in {} bytes that are not a whole frame (cut short by a crash"
                            + " before its scans were answered); they are ignored", segment, size - position);
                } else if (position < size) {
                    LOG.error("The scan journal segment {} is damaged {} bytes from its end (not the last segment, so not cut"
                            + " short by a crash): the groups after the damage in it cannot be applied", segment, size - position);
                }
            } catch (IOException e) {
                throw new JournalException("cannot read the scan journal segment " + segment + ": " + e.getMessage());
            }
        }
        return frames;
    }

    /**
     * Deletes every segment (their groups are all in the database file: the caller applied them and
     * checkpointed) and starts a new one at {@code nextSeq}.
     */
    public void startAfresh(long nextSeq) {
        closeCurrent();
        for (Path segment : segments(dir)) {
            delete(segment);
        }
        synchronized (closed) {
            closed.clear();
        }
        openSegment(nextSeq);
    }

    /** How many times this journal forced its writes to the disk (0 without sync); on the writer's thread. */
    long syncs() {
        return syncs;
    }

    /** Appends one frame; returns the position it starts at, for {@link #undo}. */
    public long append(byte[] payload) {
        try {
            long position = end;
            ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
            frame.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
            while (frame.hasRemaining()) {
                current.write(frame, position + frame.position());
            }
            if (sync) {
                current.force(false);
                syncs++;
            }
            end = position + frame.limit();
            return position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the scan journal " + currentPath + ": " + e.getMessage(), e);
        }
    }

    /** Removes the frame appended at {@code position} (its transaction did not commit). */
    public void undo(long position) {
        try {
            current.truncate(position);
            if (sync) {
                current.force(false);
                syncs++;
            }
            end = position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take back a frame of the scan journal " + currentPath, e);
        }
    }

    /** After a commit: starts a new segment at {@code nextSeq} once the current one is full. */
    public void rotateIfFull(long nextSeq) {
        if (end < segmentBytes) {
            return;
        }
        Path full = currentPath;
        closeCurrent();
        synchronized (closed) {
            closed.add(new Closed(full, nextSeq - 1));
        }
        openSegment(nextSeq);
    }

    /** Deletes the full segments whose groups all have sequence numbers up to {@code seq} (now in the database file). */
    public void dropUpTo(long seq) {
        List<Closed> done = new ArrayList<>();
        synchronized (closed) {
            closed.removeIf(c -> c.lastSeq() <= seq && done.add(c));
        }
        done.forEach(c -> delete(c.path()));
    }

    /** Deletes every segment: after a clean shutdown, when the database file has every group. */
    public void deleteAll() {
        closeCurrent();
        for (Path segment : segments(dir)) {
            delete(segment);
        }
        synchronized (closed) {
            closed.clear();
        }
    }

    /** Closes the current segment and releases the folder. */
    @Override
    public void close() {
        closeCurrent();
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the lock of the scan journal {}", dir, e);
        }
        closeQuietly(lockChannel);
    }

    private void openSegment(long firstSeq) {
        currentPath = dir.resolve(String.format("scans-%020d.journal", firstSeq));
        try {
            current = FileChannel.open(currentPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            current.truncate(0); // a segment of that name can only be a leftover whose groups are applied
            end = 0;
            if (sync) { // the new file's name must be on the disk too, or a power cut could lose the whole segment
                current.force(true);
                try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                    folder.force(true);
                }
                syncs++;
            }
        } catch (IOException e) {
            throw new JournalException("cannot create the scan journal segment " + currentPath + ": " + e.getMessage());
        }
    }

    private void closeCurrent() {
        closeQuietly(current);
        current = null;
    }

    private static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new JournalException("cannot list the scan journal folder " + dir + ": " + e.getMessage());
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the applied scan journal segment {}: {}", file, e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file we only read or appended to; nothing is lost
            }
        }
    }

    /** The journal folder cannot be used; the message says what to fix. */
    public static final class JournalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public JournalException(String message) {
            super(message);
        }
    }
}
