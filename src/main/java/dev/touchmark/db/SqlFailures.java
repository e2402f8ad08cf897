package dev.touchmark.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * What a failed database call means for the caller, read from the SQL states PostgreSQL and H2 report: worth trying
 * again (two transactions met), or the database is unavailable (no use retrying each scan apart).
 */
public final class SqlFailures {
    /** Serialization failure, deadlock (PostgreSQL and H2), lock not available, H2's lock timeout and concurrent update. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03", "HYT00", "90131");
    /** A unique key met a concurrent insert (or a scan id another node drew too): retried with fresh ids. */
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Read-only transaction (PostgreSQL), out of disk or memory (53xxx), shut down (57P0x), H2's database closed or
     * read only, and connection failures (08xxx).
     */
    private static final Set<String> UNAVAILABLE = Set.of("25006", "57P01", "57P02", "57P03", "90098", "90097", "90121");

    private SqlFailures() {
    }

    /** True when trying the same transaction again may succeed. */
    public static boolean retryable(Throwable e) {
        String state = sqlState(e);
        return state != null && (RETRYABLE.contains(state) || UNIQUE_VIOLATION.equals(state));
    }

    /** True for a unique key violation. */
    public static boolean duplicateKey(Throwable e) {
        return UNIQUE_VIOLATION.equals(sqlState(e));
    }

    /** True when the database cannot take writes at all right now. */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true; // the pool found no connection in time
            }
        }
        String state = sqlState(e);
        return state != null && (state.startsWith("08") || state.startsWith("53") || UNAVAILABLE.contains(state));
    }

    /** The first line of the innermost SQL error's message, with its state, for a log line. */
    public static String describe(Throwable e) {
        SQLException sql = sqlException(e);
        Throwable shown = sql != null ? sql : e;
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        String first = message.lines().findFirst().orElse(message);
        return sql == null ? first : first + " [" + sql.getSQLState() + "]";
    }

    /** The SQL state of the first SQLException in the cause chain that has one. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null) {
                        return s.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
