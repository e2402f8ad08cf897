package dev.touchmark.db;

import java.util.Optional;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.TableField;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The one way to insert a row unless one with its key is there, on both databases. PostgreSQL runs INSERT ... ON
 * CONFLICT DO NOTHING and decides a race by itself. On H2 jOOQ would run that as a MERGE, which costs H2 several
 * times an insert and whose two racing inserts can both miss the row anyway; so H2 gets the plain insert, and a broken
 * unique key means the same thing, the row is there (H2 fails only that statement, not the transaction; PostgreSQL
 * would fail the transaction, hence ON CONFLICT there).
 */
public final class InsertIfAbsent {
    /** The SQL state of a unique key violation, on both databases. */
    private static final String UNIQUE_VIOLATION = "23505";

    private InsertIfAbsent() {
    }

    /** Runs the insert of one row; true when it added it, false when the row was there (or another added it at once). */
    public static boolean inserted(InsertOnDuplicateStep<?> insert) {
        if (postgres(insert)) {
            return insert.onConflictDoNothing().execute() > 0;
        }
        try {
            return insert.execute() > 0;
        } catch (IntegrityConstraintViolationException e) {
            return ifUnique(e, false);
        }
    }

    /**
     * Runs the insert of several rows, each added unless its row is there; the number added. On H2 this is the MERGE
     * (one plain insert of many rows would fail as a whole on the first row that is there).
     */
    public static int rows(InsertOnDuplicateStep<?> insert) {
        try {
            return insert.onConflictDoNothing().execute();
        } catch (IntegrityConstraintViolationException e) {
            return ifUnique(e, 0);
        }
    }

    /** Runs the insert of one row; the new row's value of a column, or empty when the row was there. */
    public static <R extends Record, T> Optional<T> returning(InsertOnDuplicateStep<R> insert, TableField<R, T> field) {
        if (postgres(insert)) {
            return insert.onConflictDoNothing().returning(field).fetchOptional(field);
        }
        try {
            return insert.returning(field).fetchOptional(field);
        } catch (IntegrityConstraintViolationException e) {
            return ifUnique(e, Optional.empty());
        }
    }

    private static boolean postgres(InsertOnDuplicateStep<?> insert) {
        return insert.configuration() != null && insert.configuration().dialect().family() == SQLDialect.POSTGRES;
    }

    /** The answer for a row that was there, if the violation is of a unique key; any other violation is thrown on. */
    private static <T> T ifUnique(IntegrityConstraintViolationException e, T answer) {
        if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
            throw e;
        }
        return answer;
    }
}
