package dev.touchmark.db;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Reads a query's rows one at a time, for exports of any size in constant memory.
 *
 * <p>PostgreSQL's driver sends all rows of a result at once unless the connection is in a transaction (autocommit off)
 * and the statement has a fetch size; then it fetches {@code fetchSize} rows per round trip. So the query runs in its own
 * read-only transaction. Between two round trips the connection waits for the caller (who writes to a client): on
 * PostgreSQL {@code idle_in_transaction_session_timeout} is set for this transaction to {@code stall}, so a client that
 * stops reading cannot hold the connection and its snapshot for long; the server ends the session and the next fetch
 * fails. Embedded H2 keeps a large result in a temporary file beyond its in-memory row limit, so memory stays bounded
 * there too.
 */
public final class Cursors {
    private Cursors() {
    }

    /**
     * How a cursor reads.
     *
     * @param fetchSize rows per round trip
     * @param stall     longest wait between two round trips before PostgreSQL ends the session
     */
    public record Limits(int fetchSize, Duration stall) {
        public Limits {
            if (fetchSize < 1 || stall.isNegative() || stall.isZero()) {
                throw new IllegalArgumentException("need fetchSize >= 1 and a positive stall");
            }
        }

        /** 1,000 rows per round trip, and a minute's stall. */
        public static Limits defaults() {
            return new Limits(1000, Duration.ofMinutes(1));
        }
    }

    /**
     * Runs the query made on the transaction's context and hands each row to {@code each}, in order; the transaction
     * ends when the rows are done, or is rolled back when {@code each} throws, which is rethrown.
     */
    public static <R extends Record> void stream(DSLContext dsl, Limits limits, Function<DSLContext, ResultQuery<R>> query,
                                                 Consumer<? super R> each) {
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            if (tx.dialect().family() == SQLDialect.POSTGRES) {
                tx.execute("SET TRANSACTION READ ONLY");
                tx.execute("SET LOCAL idle_in_transaction_session_timeout = " + limits.stall().toMillis());
            }
            try (Cursor<R> cursor = query.apply(tx).fetchSize(limits.fetchSize()).fetchLazy()) {
                for (R row : cursor) {
                    each.accept(row);
                }
            }
        });
    }
}
