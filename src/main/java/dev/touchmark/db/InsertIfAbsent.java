package dev.touchmark.db;

import java.util.Optional;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The one way to run an INSERT ... ON CONFLICT DO NOTHING, on both databases. PostgreSQL decides a race by itself;
 * jOOQ runs it on H2 as a MERGE, whose two racing inserts can both miss the row, and the second then breaks the unique
 * key: which means the same thing, the row is there. H2 fails only that statement, not the transaction.
 */
public final class InsertIfAbsent {
    private InsertIfAbsent() {
    }

    /** Runs the insert; true when it added a row, false when the row was there (or another added it at once). */
    public static boolean inserted(InsertOnDuplicateStep<?> insert) {
        return rows(insert) > 0;
    }

    /** Runs the insert; the number of rows it added (rows already there are left as they are). */
    public static int rows(InsertOnDuplicateStep<?> insert) {
        try {
            return insert.onConflictDoNothing().execute();
        } catch (IntegrityConstraintViolationException e) {
            return 0;
        }
    }

    /** Runs the insert of one row; the new row's value of a column, or empty when the row was there. */
    public static <R extends Record, T> Optional<T> returning(InsertOnDuplicateStep<R> insert, TableField<R, T> field) {
        try {
            return insert.onConflictDoNothing().returning(field).fetchOptional(field);
        } catch (IntegrityConstraintViolationException e) {
            return Optional.empty();
        }
    }
}
