package dev.touchmark.db;

import java.util.function.IntSupplier;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * An INSERT ... ON CONFLICT DO NOTHING that says whether it inserted, on both databases. PostgreSQL decides a race by
 * itself; jOOQ runs it on H2 as a MERGE, whose two racing inserts can both miss the row, and the second then breaks the
 * unique key: which means the same thing, the row is there. H2 fails only that statement, not the transaction.
 */
public final class InsertIfAbsent {
    private InsertIfAbsent() {
    }

    /** Runs the insert; true when it added the row, false when the row was there (or another added it at once). */
    public static boolean inserted(IntSupplier insert) {
        try {
            return insert.getAsInt() > 0;
        } catch (IntegrityConstraintViolationException e) {
            return false;
        }
    }
}
