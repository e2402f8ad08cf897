package dev.touchmark.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.touchmark.config.ConfigException;
import dev.touchmark.config.TouchmarkConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/** The connection pool, the migrations and the jOOQ context: the one way in to the database. */
public final class Database implements AutoCloseable {
    /**
     * Options every embedded H2 URL gets. WRITE_DELAY=0 makes H2 write its file at every commit, before the commit
     * returns (H2's default, 500 ms, would leave the last half second of acknowledged scans in memory at a crash); the
     * scan writer's group commit keeps that to one write per group of scans. REUSE_SPACE=FALSE: H2 2.5.252, when it
     * writes a version into space freed inside the file, can leave its store header naming the version before, and a
     * copy of the file (a backup, or the file as a crash left it) then opens at that older version; written only at
     * the end, the file is always whole (see docs/operations.md, "The embedded database file"). H2 stores the write
     * delay in the file (so stock H2 tools write at every commit too), not the space reuse. Each session keeps its 64 most recent statements parsed (H2's default of 8 is fewer than the scan
     * writer's statements per group, which it then parsed again for every group). TRACE_LEVEL_FILE=0: H2 writes no
     * error log ({@code touchmark.trace.db}) beside the database, a file it creates with the umask's mode and which
     * can quote statements; the errors it would hold reach Touchmark as the failures of the statements they break.
     * The files H2 still creates on its own (temporary files of large results) get the umask's mode: the owner-only
     * data folder is what keeps others out of them.
     */
    private static final String[] H2_FILE_OPTIONS = {
        "MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH", "WRITE_DELAY=0", "REUSE_SPACE=FALSE",
        "QUERY_CACHE_SIZE=64", "TRACE_LEVEL_FILE=0"
    };
    /**
     * What a server adds: H2 must not close the file by itself when the JVM exits, beside the server's orderly
     * shutdown (scans still queued then failed on a closed database); the server closes it last.
     */
    private static final String H2_SERVER_OPTION = ";DB_CLOSE_ON_EXIT=FALSE";
    private static final String[] H2_MEM_OPTIONS = {
        "MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH", "DB_CLOSE_DELAY=-1",
        "QUERY_CACHE_SIZE=64"
    };

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final boolean postgres;
    private final boolean h2File;
    private AdminPort adminPort;

    private Database(HikariDataSource dataSource, boolean postgres, boolean h2File) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.h2File = h2File;
        Settings settings = new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
        // Thread-bound transactions let repositories share one transaction through dsl.transaction(() -> ...).
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        configuration.set(postgres ? SQLDialect.POSTGRES : SQLDialect.H2);
        configuration.set(settings);
        this.dsl = DSL.using(configuration);
    }

    /** Opens the pool and applies pending migrations; fails with a one-line message if unreachable. */
    public static Database open(TouchmarkConfig config, int poolSize) {
        return open(config, poolSize, adminUrl(config.dbUrl()));
    }

    /**
     * Opens the database for a server: like {@link #open}, and on an embedded H2 file, which this server then holds,
     * H2 leaves closing it to the server and admin commands reach it through the server's admin port (AdminPort).
     */
    public static Database serve(TouchmarkConfig config, int poolSize) {
        Optional<Path> base = h2FileBase(config.dbUrl());
        if (base.isEmpty()) {
            return open(config, poolSize);
        }
        Database database = open(config, poolSize, effectiveUrl(config.dbUrl()) + H2_SERVER_OPTION);
        try {
            database.adminPort = AdminPort.start(base.get());
        } catch (RuntimeException e) {
            database.close();
            throw new ConfigException(e.getMessage());
        }
        return database;
    }

    /**
     * The URL admin commands use: a running server's admin port for the embedded H2 file it holds, or the database
     * itself.
     */
    public static String adminUrl(String url) {
        Optional<String> served = h2FileBase(url).flatMap(AdminPort::urlOf);
        if (served.isEmpty()) {
            return effectiveUrl(url);
        }
        StringBuilder result = new StringBuilder(served.get());
        for (String option : H2_FILE_OPTIONS) {
            result.append(';').append(option);
        }
        return result.toString();
    }

    private static Database open(TouchmarkConfig given, int poolSize, String jdbcUrl) {
        h2FileBase(given.dbUrl()).ifPresent(Database::checkNoScanJournal);
        // Through a running server's admin port the server has set the password already; otherwise this process
        // opens the file and sets it if it is not set yet.
        boolean viaAdminPort = jdbcUrl.startsWith("jdbc:h2:tcp:") && h2FileBase(given.dbUrl()).isPresent();
        TouchmarkConfig config = viaAdminPort ? H2Password.read(given) : H2Password.establish(given, jdbcUrl);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("touchmark-db");
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the database at TOUCHMARK_DB_URL=" + config.dbUrl() + ": " + rootMessage(e)
                    + (viaAdminPort && H2Password.kept(given) ? ". The server holding it keeps its password in "
                    + H2Password.fileIn(config.dataDir()) + ": run this as the user the server runs as" : ""));
        }
        try {
            flyway(dataSource).migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new ConfigException("cannot migrate the database at " + config.dbUrl() + ": " + rootMessage(e));
        }
        return new Database(dataSource, config.isPostgres(), h2FileBase(config.dbUrl()).isPresent());
    }

    /**
     * Versions before 0.2 kept the newest scans of an embedded H2 file in a journal folder beside it, applied at the
     * next start. A journal holding scans means that version stopped without shutting down: it must apply them
     * before this version, which has no journal, takes the file. An empty one is removed.
     */
    static void checkNoScanJournal(Path base) {
        Path journal = base.resolveSibling(base.getFileName() + ".scan-journal");
        if (!java.nio.file.Files.isDirectory(journal)) {
            return;
        }
        try (var files = java.nio.file.Files.list(journal)) {
            boolean holdsScans = files.anyMatch(f -> f.getFileName().toString().endsWith(".journal") && f.toFile().length() > 0);
            if (holdsScans) {
                throw new ConfigException("the scan journal " + journal + " holds scans the database file may lack: the"
                        + " previous Touchmark version stopped without shutting down. Start that version once and stop it"
                        + " with SIGTERM (it applies and empties its journal), then start this one");
            }
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot read the old scan journal folder " + journal + ": " + e.getMessage());
        }
        try (var files = java.nio.file.Files.list(journal)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.delete(file);
            }
            java.nio.file.Files.delete(journal);
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot remove the empty old scan journal folder " + journal + " (" + e.getMessage()
                    + "); delete it by hand");
        }
    }

    /**
     * For an embedded H2 database file ({@code jdbc:h2:file:/path/name} or {@code jdbc:h2:/path/name}), the path
     * it is named by, without H2's {@code .mv.db} suffix; empty for PostgreSQL, in-memory and remote H2.
     */
    public static Optional<Path> h2FileBase(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.startsWith("~")) { // H2 reads a leading ~ as the user's home folder
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** The file H2 keeps the database in, given the base {@link #h2FileBase} returns. */
    public static Path h2DataFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    /**
     * On an embedded H2 file, forces what H2 wrote to its file onto the disk ({@code CHECKPOINT SYNC}), so it also
     * survives a power cut or an operating-system crash; PostgreSQL does that at every commit itself
     * ({@code synchronous_commit}), and in-memory H2 has no file.
     */
    public void syncToDisk() {
        if (h2File) {
            dsl.execute("CHECKPOINT SYNC");
        }
    }

    /** True for an embedded H2 database file. */
    public boolean isH2File() {
        return h2File;
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(MigrationLocations.of(dataSource)).load();
    }

    /**
     * Why this node should not take traffic, or empty when it is ready: the database answers and every
     * migration this build ships is applied (none pending, none failed).
     */
    public Optional<String> notReadyReason() {
        if (!isReachable()) {
            return Optional.of("the database does not answer");
        }
        try {
            MigrationInfoService info = flyway(dataSource).info();
            long failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
            if (failed > 0) {
                return Optional.of(failed + " database migration(s) failed");
            }
            int pending = info.pending().length;
            return pending == 0 ? Optional.empty() : Optional.of(pending + " database migration(s) not applied yet");
        } catch (RuntimeException e) {
            return Optional.of("cannot read the migration history: " + rootMessage(e));
        }
    }

    /** The JDBC URL with the options Touchmark needs added to embedded H2 URLs. */
    public static String effectiveUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            // Lets the driver send a batch of inserts as multi-row statements (the scan writer's batches).
            return url.contains("reWriteBatchedInserts") ? url : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String[] options = url.startsWith("jdbc:h2:mem:") ? H2_MEM_OPTIONS : H2_FILE_OPTIONS;
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        for (String option : options) {
            String name = option.substring(0, option.indexOf('=') + 1);
            if (!upper.contains(";" + name)) {
                result.append(';').append(option);
            }
        }
        return result.toString();
    }

    /** The jOOQ context over the pool. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The pool, for code that needs plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** True for PostgreSQL, false for H2. */
    public boolean isPostgres() {
        return postgres;
    }

    /** True if a connection answers within a second. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the admin port (on an embedded H2 file a server holds), then the pool, which closes the file. */
    @Override
    public void close() {
        if (adminPort != null) {
            adminPort.close();
        }
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String first = message.lines().findFirst().orElse(message);
        if (first.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            return first + ". The disk is full: free some space where the database lives and start again (if a migration is"
                    + " then reported as failed, restore the backup taken before the upgrade)";
        }
        return first;
    }
}
