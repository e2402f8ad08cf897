package dev.touchmark.db;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Chunk;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.util.Utils;

/**
 * What Touchmark does with an embedded H2 file's store (H2's MVStore) that SQL cannot say: checkpoints that hold
 * the store gate only while H2 takes its snapshot, and compaction in small steps. Checked against H2 2.5.252 (the
 * version in pom.xml); {@code H2FileStoreTest} fails if an upgrade changes what this relies on.
 *
 * <p><b>Why the snapshot needs the gate, and only the snapshot.</b> H2 writes a version of its store in two steps:
 * it takes the root page of every changed map (the snapshot, under its store lock), then serialises those pages and
 * writes them to the file (on its serialisation thread). Pages are never changed in place, so the second step reads
 * only what the first one fixed. A snapshot taken in the middle of a scan group could keep part of the group (see
 * StoreFlusher), so the first step runs under the gate; the second runs after it, while the scan writer goes on with
 * the next group. Before, the whole write held the gate, and each checkpoint stopped the scan writer for as long as
 * the file took to write.
 *
 * <p><b>Why H2 must not write by itself.</b> H2 also writes a version when the changes not yet written pass a share
 * of its write buffer (about 19 MiB, fixed when the file is opened), from whichever thread is writing at that moment:
 * outside the gate when that thread is not the scan writer, such as the compaction below. Touchmark raises that
 * buffer to {@link #UNSAVED_BYTES}, which the scan writer's checkpoints (every half second) keep it far below: at
 * 6,000 scans a second H2 counts about 75 MiB of changes between two. Fewer, larger versions also write less: about
 * a third less file for the same scans (docs/benchmarks.md).
 *
 * <p><b>Why compaction.</b> Each version goes to the file as a new chunk, and a chunk's space is reused only once
 * none of its pages is live. Under a steady load almost every chunk keeps a few live pages (the scan log only grows),
 * so without compaction the file grew by everything ever written: about 1,000 bytes a scan, 438 MB after 450,000
 * scans. H2 compacts only in its background maintenance, which Touchmark cannot use (it writes versions by itself
 * at any time). {@link #compactStep} does the same work in steps, after each scan checkpoint: while the chunks old
 * enough to be rewritten (older than H2's retention time, 45 s) are on average less than {@link #TARGET_FILL_PERCENT}
 * live, it copies the live pages of the oldest, emptiest of them into the current version, at most as many bytes as
 * were written since the previous step. The old chunks empty, and their space is reused after the retention time.
 * Half live is the balance measured (docs/benchmarks.md): a chunk emptied at half live costs one byte copied for each
 * byte freed, and the file holds about twice its data; at 60% live with twice the budget the file was a sixth
 * smaller, but a recorded scan cost a tenth more CPU and the latency's tail was longer. A step runs outside the gate: it changes no data, and with the larger buffer it cannot make H2
 * write a version by itself. It holds H2's store lock: the scan checkpoints run on the same thread and never meet
 * it, but a checkpoint after another write (a report, a batch) that comes during a step waits for it, with the gate
 * held (a few milliseconds).
 *
 * <p><b>Why the store header is rewritten.</b> After a crash H2 looks for its newest version in two places: the
 * chunk at the end of the file, and the chunk its store header names, followed by the chunks it predicted would come
 * next. A chunk written inside the file, into space it did not predict, is found only if the header names it, and
 * H2 2.5.252 then rewrites the header from its last chunk before it records the new one as last: the header names
 * the chunk before, and the restart recovers that older version (a test that crashed right after compaction steps
 * lost the last checkpoint's rows every time; so did a backup, which copies the file with its header). So the header
 * is written again, naming the last chunk, whenever a chunk is neither at the end of the file nor named by the
 * header ({@link #headerFindsLastChunk}), right after H2 writes each chunk, before the write counts as done: H2's
 * executor that writes chunks is replaced by a {@link ChunkWriter} that does so. That covers every chunk, whoever
 * made H2 write it: Touchmark's checkpoints, a CLI command or backup that reaches the running server through
 * AUTO_SERVER (H2 writes those by its own CHECKPOINT), H2 itself when its buffer fills. H2 writes the header
 * naming its last chunk at a clean close. Until this release (session of 2026-11-30) space reuse was off
 * (REUSE_SPACE=FALSE), as the checkpoints alone did not cover the changes H2 wrote itself: a backup taken right
 * after a CLI command lacked it (CommandLineIT, and now H2FileStoreTest).
 */
final class H2FileStore {
    /** How much changed memory H2 may hold before it writes a version by itself (see the class comment). */
    static final int UNSAVED_BYTES = 256 << 20;
    /** H2's file block, in which chunks are placed and measured. */
    private static final long BLOCK_SIZE = 4096;
    /** Compaction works while the live share of the chunks it may rewrite is below this (percent). */
    static final int TARGET_FILL_PERCENT = 50;
    static final int MIN_STEP_BYTES = 256 << 10;
    static final int MAX_STEP_BYTES = 16 << 20;

    private final Lock gate;
    private final boolean sync;
    /** H2's file store's last chunk written, its lock for writing chunks, and its method that writes the header. */
    private final Field lastChunk;
    private final Field saveChunkLock;
    private final Method writeStoreHeader;
    /** H2's file store's executor that writes chunks to the file (one thread; see {@link ChunkWriter}). */
    private final Field bufferSaveExecutor;
    /** H2's removal of a database from those it closes when the JVM exits (see {@link #leaveTheCloseToTouchmark}). */
    private final Method unregisterOnExit;
    /** The H2 database last taken out of H2's closing at exit (the one behind this file). */
    private volatile org.h2.engine.Database leftToTouchmark;
    /** H2's count of bytes written to the file, at the previous compaction step (only the compacting thread uses it). */
    private long writtenAtLastStep = -1;

    H2FileStore(Lock gate, boolean sync) {
        this.gate = gate;
        this.sync = sync;
        try {
            lastChunk = FileStore.class.getDeclaredField("lastChunk");
            saveChunkLock = FileStore.class.getDeclaredField("saveChunkLock");
            writeStoreHeader = RandomAccessStore.class.getDeclaredMethod("writeStoreHeader");
            bufferSaveExecutor = FileStore.class.getDeclaredField("bufferSaveExecutor");
            if (!ThreadPoolExecutor.class.isAssignableFrom(bufferSaveExecutor.getType())) {
                throw new NoSuchFieldException("bufferSaveExecutor is a " + bufferSaveExecutor.getType().getName());
            }
            bufferSaveExecutor.setAccessible(true);
            unregisterOnExit = Class.forName("org.h2.engine.OnExitDatabaseCloser")
                    .getDeclaredMethod("unregister", org.h2.engine.Database.class);
            unregisterOnExit.setAccessible(true);
            lastChunk.setAccessible(true);
            saveChunkLock.setAccessible(true);
            writeStoreHeader.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsupported("manage its database file", e);
        }
    }

    /**
     * Writes everything committed so far to the file: the snapshot under the gate, the write after it. Returns once
     * the version is in the file (and on the disk, with {@code sync}), also when it took no snapshot of its own
     * because another thread's was still being written.
     */
    void checkpoint(Connection connection) throws SQLException {
        MVStore store = store(connection);
        if (store == null) { // another process holds the file (see store): H2 writes it there, in one step
            gate.lock();
            try (Statement statement = connection.createStatement()) {
                statement.execute(sync ? "CHECKPOINT SYNC" : "CHECKPOINT");
            } finally {
                gate.unlock();
            }
            return;
        }
        long version;
        gate.lock();
        try {
            // tryCommit takes the snapshot and hands the write to H2's serialisation thread; it gives up (-1) when
            // nothing changed (a version being written may still hold this thread's changes) or when H2's store lock
            // is busy (a compaction step), and commit then writes in this thread.
            version = store.tryCommit();
            if (version < 0) {
                if (store.hasUnsavedChanges()) {
                    store.commit();
                }
                version = store.getCurrentVersion();
            }
        } finally {
            gate.unlock();
        }
        awaitWritten(store, version);
        if (sync) {
            store.sync();
        }
    }

    /**
     * Waits until H2 has written the given version (or found it empty: then it writes no chunk), then makes sure that
     * its store header leads to it (the {@link ChunkWriter} did that already, where H2 has the executor it replaces). H2's wait for its serialisation thread ends early, without a word, when the
     * waiting thread is interrupted: so it is asked again (an interrupt is consumed by the wait it ends), and the
     * interrupt is passed on.
     */
    private void awaitWritten(MVStore store, long version) {
        FileStore<?> fileStore = store.getFileStore();
        boolean interrupted = false;
        int attempt = 0;
        do {
            interrupted |= Thread.interrupted();
            // waits for the serialisation and the write, then runs with no chunk being written
            fileStore.executeFileStoreOperation(() -> headerFindsLastChunk(fileStore));
        } while (fileStore.lastChunkVersion() < version && ++attempt < 3);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes sure that a restart after a crash finds the last chunk written (see the class comment): H2 finds the chunk
     * at the end of the file, and the one its store header names with those it predicted would follow. A chunk
     * written inside the file into space it did not predict is found only once the header names it, and H2 2.5.252
     * then writes the header naming the chunk before; so the header is written again here, naming the last chunk.
     * Runs under H2's file store lock (no chunk is being written) and its lock for writing chunks.
     */
    private void headerFindsLastChunk(FileStore<?> fileStore) {
        if (!(fileStore instanceof RandomAccessStore)) {
            return;
        }
        try {
            ReentrantLock lock = (ReentrantLock) saveChunkLock.get(fileStore);
            lock.lock();
            try {
                Chunk<?> last = (Chunk<?>) lastChunk.get(fileStore);
                if (last == null || (last.block + last.len) * BLOCK_SIZE >= fileStore.size()) {
                    return; // at the end of the file
                }
                if (headerChunk(fileStore.getStoreHeader().get("chunk")) != last.id) {
                    writeStoreHeader.invoke(fileStore);
                }
            } finally {
                lock.unlock();
            }
        } catch (ReflectiveOperationException e) {
            throw unsupported("keep its store header right", e);
        }
    }

    /**
     * The chunk id in H2's store header: an Integer once H2 has written the header, hex text as read from the file;
     * -1 if there is none.
     */
    static int headerChunk(Object value) {
        if (value instanceof Integer id) {
            return id;
        }
        return value instanceof String hex ? (int) Long.parseLong(hex, 16) : -1;
    }

    /**
     * One compaction step (see the class comment): nothing when nothing was written to the file since the previous
     * step. Returns how many bytes of live pages it allowed itself to rewrite (0 when it did nothing).
     */
    int compactStep(Connection connection) throws SQLException {
        MVStore store = store(connection);
        if (store == null) {
            return 0;
        }
        long written = info(store, "info.FILE_WRITE_BYTES");
        long since = writtenAtLastStep < 0 || written < writtenAtLastStep ? 0 : written - writtenAtLastStep;
        writtenAtLastStep = written;
        // Far below the buffer, so that the pages this step copies cannot make H2 write a version by itself.
        // Only where freed space is reused (an operator may turn it off in the URL); elsewhere copies would only grow the file.
        if (since == 0 || !store.getFileStore().isSpaceReused() || store.getUnsavedMemory() > UNSAVED_BYTES / 4) {
            return 0;
        }
        if (info(store, "info.CHUNKS_FILL_RATE_RW") >= TARGET_FILL_PERCENT) {
            return 0;
        }
        int budget = (int) Math.min(MAX_STEP_BYTES, Math.max(MIN_STEP_BYTES, since));
        // 100: H2's own test of the live share (of all chunks, young ones too) is left to the line above
        return store.compact(100, budget) ? budget : 0;
    }

    /**
     * The share of the file that holds live data (0 to 1, in steps of about a hundredth): the blocks H2 uses, times
     * the live share of the chunks in them. One minus it is about what an offline compaction would give back. Empty
     * when the file is open in another process.
     */
    java.util.OptionalDouble liveShare(Connection connection) throws SQLException {
        MVStore store = store(connection);
        if (store == null) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(store.getFillRate() / 100.0 * store.getFileStore().getChunksFillRate() / 100.0);
    }

    /**
     * The store behind a connection to an embedded H2 file, with the larger write buffer and the chunk writer that
     * keeps the store header right (see the class comment); null when the file is open in another process
     * (AUTO_SERVER: an admin command while the server runs), whose connections reach it over the network.
     */
    private MVStore store(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        if (session.getDatabase() != leftToTouchmark) {
            leaveTheCloseToTouchmark(session.getDatabase());
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (store.getAutoCommitMemory() < UNSAVED_BYTES) {
            raiseWriteBuffer(store);
        }
        if (store.getFileStore() instanceof RandomAccessStore fileStore && !(executor(fileStore) instanceof ChunkWriter)) {
            installChunkWriter(fileStore);
        }
        return store;
    }

    /**
     * Takes the database out of those H2 closes by itself when the JVM exits (its shutdown hook), so that the server's
     * own shutdown closes it, once the last requests are answered and the scan journal is in the file. Otherwise both
     * ran at once on SIGTERM: under load, scans then failed on a database H2 had closed, and the journal was left for
     * the next start to apply. H2 refuses its setting for this (DB_CLOSE_ON_EXIT=FALSE) together with AUTO_SERVER. A
     * process that exits without closing its Database leaves the file as a crash would: everything it wrote is
     * already in the file or the scan journal.
     */
    private void leaveTheCloseToTouchmark(org.h2.engine.Database database) {
        try {
            unregisterOnExit.invoke(null, database);
        } catch (ReflectiveOperationException e) {
            throw unsupported("close the database at shutdown itself", e);
        }
        leftToTouchmark = database;
    }

    private ThreadPoolExecutor executor(FileStore<?> fileStore) {
        try {
            return (ThreadPoolExecutor) bufferSaveExecutor.get(fileStore);
        } catch (ReflectiveOperationException e) {
            throw unsupported("keep its store header right", e);
        }
    }

    /**
     * Puts a {@link ChunkWriter} in the place of H2's executor that writes chunks, once per opened file (and again if
     * H2 made a new executor: it does when its write delay is set). Runs under H2's serialisation lock, which H2
     * holds while it hands a chunk to that executor, with H2's executor emptied first: so no chunk is handed to the
     * old one after the swap, and the chunks are written in order. Where H2 has no such executor (a write delay of
     * 0, which Touchmark's URL never sets), it writes chunks in the committing thread, and only the checkpoints'
     * own check of the header ({@link #awaitWritten}) covers them.
     */
    private void installChunkWriter(RandomAccessStore fileStore) {
        fileStore.executeFileStoreOperation(() -> {
            ThreadPoolExecutor h2s = executor(fileStore);
            if (h2s == null || h2s instanceof ChunkWriter) {
                return;
            }
            try {
                bufferSaveExecutor.set(fileStore, new ChunkWriter(fileStore));
            } catch (ReflectiveOperationException e) {
                throw unsupported("keep its store header right", e);
            }
            h2s.shutdown(); // empty: executeFileStoreOperation waited for what it held
        });
    }

    /**
     * H2's single thread that writes chunks to the file, with the store header made right after each chunk and before
     * the chunk's write counts as done ({@link #headerFindsLastChunk}): so every chunk, whoever made H2 write it (a
     * checkpoint of Touchmark's, a CHECKPOINT or a commit through AUTO_SERVER, H2 itself when its buffer fills), is
     * found after a crash and by a backup taken after it. H2 submits each chunk's write and, where it has to, waits
     * for its future, which completes only once the header is written.
     */
    private final class ChunkWriter extends ThreadPoolExecutor {
        private final FileStore<?> fileStore;

        ChunkWriter(FileStore<?> fileStore) {
            // as H2's own (Utils.createSingleThreadExecutor): its thread group marks H2's background threads
            super(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    task -> Utils.createBackgroundThread("H2-save", task));
            this.fileStore = fileStore;
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Runnable task, T value) {
            return super.newTaskFor(() -> {
                task.run();
                headerFindsLastChunk(fileStore);
            }, value);
        }
    }

    /**
     * H2 fixes its write buffer when it opens the file, from the memory the JVM may use, and has no setting for it.
     * The field is set once per opened file (H2 reads it on every write).
     */
    private static synchronized void raiseWriteBuffer(MVStore store) {
        if (store.getAutoCommitMemory() >= UNSAVED_BYTES) {
            return;
        }
        try {
            Field field = MVStore.class.getDeclaredField("autoCommitMemory");
            field.setAccessible(true);
            field.setInt(store, UNSAVED_BYTES);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsupported("size its write buffer", e);
        }
    }

    /** No cause: start-up reports the innermost message, which would then be only a field's or a method's name. */
    private static IllegalStateException unsupported(String what, Exception e) {
        return new IllegalStateException("this version of H2 does not let Touchmark " + what + " (" + e
                + "); Touchmark is built for the H2 version in its pom.xml");
    }

    /** One of H2's figures about its file, such as info.FILE_WRITE_BYTES (0 if it has none of that name). */
    private static long info(MVStore store, String key) {
        long[] value = {0};
        store.populateInfo((name, v) -> {
            if (name.equals(key)) {
                value[0] = Long.parseLong(v);
            }
        });
        return value[0];
    }
}
