package dev.touchmark.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {
    @Test
    void deadlocksSerializationFailuresAndKeyCollisionsAreWorthAnotherTry() {
        assertTrue(SqlFailures.retryable(wrapped(new SQLException("deadlock detected", "40P01"))));
        assertTrue(SqlFailures.retryable(wrapped(new SQLException("could not serialize access", "40001"))));
        assertTrue(SqlFailures.retryable(wrapped(new SQLException("Timeout trying to lock table", "HYT00"))));
        assertTrue(SqlFailures.duplicateKey(wrapped(new SQLException("duplicate key value", "23505"))));
        assertFalse(SqlFailures.retryable(wrapped(new SQLException("violates foreign key constraint", "23503"))));
        assertFalse(SqlFailures.retryable(new IllegalStateException("a bug")));
    }

    @Test
    void aBatchFailureIsReadFromTheErrorItCarries() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", null, 0, new int[0], null);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertTrue(SqlFailures.retryable(wrapped(batch)));
        assertEquals("40P01", SqlFailures.sqlState(batch));
    }

    @Test
    void aDatabaseThatIsDownClosedOrReadOnlyIsUnavailable() {
        assertTrue(SqlFailures.unavailable(wrapped(new SQLException("Connection refused", "08001"))));
        assertTrue(SqlFailures.unavailable(wrapped(new SQLException("cannot execute INSERT in a read-only transaction", "25006"))));
        assertTrue(SqlFailures.unavailable(wrapped(new SQLException("Database is already closed", "90121"))));
        assertTrue(SqlFailures.unavailable(wrapped(new SQLException("could not extend file: No space left on device", "53100"))));
        assertTrue(SqlFailures.unavailable(new DataAccessException("pool", new SQLTransientConnectionException("not available"))));
        assertFalse(SqlFailures.unavailable(wrapped(new SQLException("value too long", "22001"))));
    }

    @Test
    void theDescriptionIsTheFirstLineWithItsState() {
        assertEquals("deadlock detected [40P01]",
                SqlFailures.describe(wrapped(new SQLException("deadlock detected\n  Detail: process 1 waits", "40P01"))));
    }

    private static RuntimeException wrapped(SQLException e) {
        return new DataAccessException("SQL [...]; " + e.getMessage(), e);
    }
}
