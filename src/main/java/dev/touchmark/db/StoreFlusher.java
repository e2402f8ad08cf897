package dev.touchmark.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every write to an embedded H2 file durable before it returns, while H2 itself does not write its file
 * at commits. The scan writer does not need this (its groups go to the scan journal first, see
 * scan.ScanJournal), and its thread is exempt; every other write (a brand, a batch, a recall, a report...)
 * is followed by a {@code CHECKPOINT}, which writes what is committed to the file: after the outermost commit
 * of a transaction, and after each statement that changes data outside a transaction.
 *
 * <p>Every checkpoint passes the store gate, which the scan writer holds for the whole of each group's
 * transaction: H2 (2.5) takes the snapshot it writes map by map, so a snapshot taken while a transaction
 * changes several tables can keep part of it after a crash (seen in a test: a group's rows without its journal
 * mark). Under the gate, the file only ever holds whole groups. The gate is held only while H2 takes the
 * snapshot, not while it writes it (see H2FileStore).
 */
final class StoreFlusher implements ExecuteListener, TransactionListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StoreFlusher.class);
    /** Marks a transaction level already counted down by commitEnd. */
    private static final String LEFT = "touchmark.store-flusher.left";
    private final transient ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final transient Set<Thread> exempt = ConcurrentHashMap.newKeySet();
    private final transient H2FileStore fileStore;

    /** Checkpoints through {@code fileStore}, which holds the gate while H2 takes its snapshot. */
    StoreFlusher(H2FileStore fileStore) {
        this.fileStore = fileStore;
    }

    /** The calling thread's writes are made durable by other means (the scan journal). */
    void exempt(Thread thread) {
        exempt.add(thread);
    }

    void unexempt(Thread thread) {
        exempt.remove(thread);
    }

    @Override
    public void beginEnd(TransactionContext ctx) {
        depth.get()[0]++;
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
        // jOOQ calls commitEnd also when the commit failed (then rollbackEnd follows): count each level down once.
        ctx.data(LEFT, Boolean.TRUE);
        int[] level = depth.get();
        level[0] = Math.max(0, level[0] - 1);
        if (level[0] == 0 && !exempt.contains(Thread.currentThread())) {
            try {
                ctx.configuration().dsl().connection(this::checkpoint);
            } catch (RuntimeException e) {
                // The write is committed and will reach the file at the next checkpoint that works; failing the
                // request now would only make the caller retry something that was done.
                LOG.error("Could not write a committed change to the database file", e);
            }
        }
    }

    @Override
    public void rollbackEnd(TransactionContext ctx) {
        if (ctx.data(LEFT) == null) {
            int[] level = depth.get();
            level[0] = Math.max(0, level[0] - 1);
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        // A write that changed no row (a poll that found nothing to claim) has nothing to make durable.
        if (ctx.type() != ExecuteType.READ && ctx.rows() != 0 && depth.get()[0] == 0 && ctx.connection() != null
                && !exempt.contains(Thread.currentThread())) {
            try {
                if (ctx.connection().getAutoCommit()) {
                    checkpoint(ctx.connection());
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not write the database file: " + e.getMessage(), e);
            }
        }
    }

    /** Writes everything committed so far to the database file, between two groups of the scan writer. */
    void checkpoint(Connection connection) throws SQLException {
        fileStore.checkpoint(connection);
    }
}
