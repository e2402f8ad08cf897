package dev.touchmark.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Adds to counter rows (rollups such as scans per hour), creating them as needed, in one statement per row and one
 * round trip per call, race-free on any number of writers: {@code INSERT ... ON CONFLICT DO UPDATE} on PostgreSQL,
 * {@code MERGE ... USING} on H2. Rows are written in key order, so two transactions adding to the same rows lock them
 * in the same order and cannot deadlock on them.
 */
public final class CountUpsert {
    /** A column and the SQL type its parameter is cast to (H2's MERGE needs typed values). */
    public record Column(String name, String sqlType) {
    }

    private final String sql;
    private final int keys;

    /** Counts in {@code counts} are added to the row with the values of {@code keys} (its primary key). */
    public CountUpsert(boolean postgres, String table, List<Column> keys, List<Column> counts) {
        this.keys = keys.size();
        List<Column> all = new ArrayList<>(keys);
        all.addAll(counts);
        String names = all.stream().map(Column::name).collect(Collectors.joining(", "));
        if (postgres) {
            sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + all.stream().map(c -> "?").collect(Collectors.joining(", "))
                    + ") ON CONFLICT (" + keys.stream().map(Column::name).collect(Collectors.joining(", ")) + ") DO UPDATE SET "
                    + counts.stream().map(c -> c.name() + " = " + table + "." + c.name() + " + EXCLUDED." + c.name())
                    .collect(Collectors.joining(", "));
        } else {
            sql = "MERGE INTO " + table + " t USING (VALUES (" + all.stream().map(c -> "CAST(? AS " + c.sqlType() + ")")
                    .collect(Collectors.joining(", ")) + ")) s (" + names + ") ON "
                    + keys.stream().map(c -> "t." + c.name() + " = s." + c.name()).collect(Collectors.joining(" AND "))
                    + " WHEN MATCHED THEN UPDATE SET " + counts.stream().map(c -> c.name() + " = t." + c.name() + " + s." + c.name())
                    .collect(Collectors.joining(", "))
                    + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + all.stream().map(c -> "s." + c.name())
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    /** The statement, one row's worth of parameters. */
    String sql() {
        return sql;
    }

    /** Adds each row (key values, then counts, in column order; keys Comparable and distinct) on this connection. */
    public void add(Connection connection, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> sorted = new ArrayList<>(rows);
        sorted.sort(byKey(keys));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : sorted) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Object[]> byKey(int keys) {
        return (a, b) -> {
            for (int i = 0; i < keys; i++) {
                int c = ((Comparable) a[i]).compareTo(b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
