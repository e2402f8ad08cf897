package dev.touchmark.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where Flyway finds the migrations of a database: the portable ones (db/migration, which jOOQ's code generation
 * also reads), and on PostgreSQL also PostgreSQL's own (db/postgresql: the scan log's partitions, partial indexes),
 * which H2 cannot run; on H2 H2's own (db/h2: identity caches). Versions are one sequence across the folders.
 */
public final class MigrationLocations {
    /** Migrations that run on H2 and PostgreSQL alike. */
    public static final String PORTABLE = "classpath:db/migration";
    /** Migrations that run on PostgreSQL only. */
    public static final String POSTGRESQL = "classpath:db/postgresql";
    /** Migrations that run on H2 only. */
    public static final String H2 = "classpath:db/h2";

    private MigrationLocations() {
    }

    /** The locations for the database behind a data source (asks it which product it is). */
    public static String[] of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is: " + e.getMessage(), e);
        }
    }

    /** The locations for PostgreSQL (true) or H2 (false). */
    public static String[] of(boolean postgres) {
        return postgres ? new String[] {PORTABLE, POSTGRESQL} : new String[] {PORTABLE, H2};
    }
}
