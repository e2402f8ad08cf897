package dev.touchmark.db;

import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * The one way to store a row under its key, inserted or updated, on both databases: one INSERT ... ON CONFLICT (key)
 * DO UPDATE. PostgreSQL decides a race of two first saves by itself; jOOQ runs it on H2 as a MERGE, whose two racing
 * inserts can both miss the row, and the second then breaks the key (failing only that statement): run again, it
 * finds the row and updates it. So two admins saving at once on two nodes both get an answer, and the last save stands.
 */
public final class Upsert {
    /** The SQL state of a unique key violation, on both databases. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Upsert() {
    }

    /** Stores the values in the row whose key column holds the key, inserting the row if there is none. */
    public static <R extends Record, K> void save(DSLContext dsl, Table<R> table, TableField<R, K> key, K keyValue,
                                                  Map<Field<?>, Object> values) {
        Runnable statement = () -> dsl.insertInto(table).set(key, keyValue).set(values).onConflict(key).doUpdate()
                .set(values).execute();
        try {
            statement.run();
        } catch (IntegrityConstraintViolationException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            statement.run();
        }
    }
}
