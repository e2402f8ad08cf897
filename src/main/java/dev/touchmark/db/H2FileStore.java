package dev.touchmark.db;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * What Touchmark does with an embedded H2 file's store (H2's MVStore) that SQL cannot say: checkpoints that hold
 * the store gate only while H2 takes its snapshot, and a write buffer large enough that H2 writes only at them.
 * Checked against H2 2.5.252 (the version in pom.xml); {@code H2FileStoreTest} fails if an upgrade changes what this
 * relies on.
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
 * outside the gate when that thread is not the scan writer (a request thread saving a report while the writer is in
 * the middle of a group). Touchmark raises that buffer to {@link #UNSAVED_BYTES}, which the scan writer's
 * checkpoints (every half second) keep it far below: at 6,000 scans a second H2 counts about 75 MiB of changes
 * between two. Fewer, larger versions also write less: about a third less file for the same scans
 * (docs/benchmarks.md).
 *
 * <p><b>No compaction.</b> Under a steady load the file grows by about everything written (almost every chunk keeps
 * a few live pages, and a chunk's space is reused only once none is live). H2's {@code MVStore.compact}, run in steps
 * after the checkpoints, kept the file small, but with one of the two budgets tried a test that crashed the database
 * right after such a step found the last checkpoint's rows missing after the restart (H2 recovered an older
 * version), also with a synchronous checkpoint; without compaction the same test keeps every row. So the file is
 * compacted offline (docs/operations.md; docs/benchmarks.md has the figures). The cause, found at the end: when
 * H2 2.5.252 writes a chunk into freed space and its guess of where that chunk would go was wrong, it rewrites its
 * store header from its last chunk before it records the new one as last, so the header names the chunk before;
 * after a crash it does not find the new one, and recovers the version before. Compaction frees space all the
 * time; without it space is freed rarely, but it is, so Database turns reuse off (REUSE_SPACE=FALSE).
 */
final class H2FileStore {
    /** How much changed memory H2 may hold before it writes a version by itself (see the class comment). */
    static final int UNSAVED_BYTES = 256 << 20;

    private final Lock gate;
    private final boolean sync;

    H2FileStore(Lock gate, boolean sync) {
        this.gate = gate;
        this.sync = sync;
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
            // is busy (another process's checkpoint through AUTO_SERVER), and commit then writes in this thread.
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
     * Waits until H2 has written the given version (or found it empty: then it writes no chunk). H2's wait for its
     * serialisation thread ends early, without a word, when the waiting thread is interrupted: so it is asked again
     * (an interrupt is consumed by the wait it ends), and the interrupt is passed on.
     */
    private static void awaitWritten(MVStore store, long version) {
        boolean interrupted = false;
        for (int attempt = 0; attempt < 3 && store.getFileStore().lastChunkVersion() < version; attempt++) {
            interrupted |= Thread.interrupted();
            store.getFileStore().executeFileStoreOperation(() -> { }); // waits for the serialisation and the write
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The store behind a connection to an embedded H2 file, with the larger write buffer (see the class comment); null
     * when the file is open in another process (AUTO_SERVER: an admin command while the server runs), whose
     * connections reach it over the network.
     */
    static MVStore store(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (store.getAutoCommitMemory() < UNSAVED_BYTES) {
            raiseWriteBuffer(store);
        }
        return store;
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
            // No cause: start-up reports the innermost message, which would then be only the field's name.
            throw new IllegalStateException("this version of H2 does not let Touchmark size its write buffer (" + e
                    + "); Touchmark is built for the H2 version in its pom.xml");
        }
    }
}
