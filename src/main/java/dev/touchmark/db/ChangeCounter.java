package dev.touchmark.db;

import static dev.touchmark.db.jooq.Tables.CHANGE_COUNTER;

import org.jooq.DSLContext;

/**
 * A version number bumped, in the same transaction, by every change that the caches of keys, batches and rules depend
 * on (key rotation and revocation, batch status, a brand's thresholds). Each node's {@link ChangeWatcher} reads it.
 */
public final class ChangeCounter {
    private final DSLContext dsl;

    public ChangeCounter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records that keys or batches changed. */
    public void bump() {
        dsl.update(CHANGE_COUNTER).set(CHANGE_COUNTER.VERSION, CHANGE_COUNTER.VERSION.plus(1))
                .where(CHANGE_COUNTER.ID.eq(1)).execute();
    }

    /** The current version. */
    public long current() {
        return dsl.select(CHANGE_COUNTER.VERSION).from(CHANGE_COUNTER).where(CHANGE_COUNTER.ID.eq(1))
                .fetchOne(CHANGE_COUNTER.VERSION);
    }
}
