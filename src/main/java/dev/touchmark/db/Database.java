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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultTransactionListenerProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/** The connection pool, the migrations and the jOOQ context: the one way in to the database. */
public final class Database implements AutoCloseable {
    /**
     * Options every embedded H2 URL gets; AUTO_SERVER lets admin commands share a file a server holds. H2 does not
     * write its file at commits nor on its own timer (a WRITE_DELAY of about 23 days; set explicitly, as the
     * setting persists in the file and databases made before the scan journal have 0 there): every write is made
     * durable by Touchmark before it returns, through the scan journal for scans and a CHECKPOINT after every
     * other write (StoreFlusher), and the scan writer checkpoints several times a second. Each session keeps its 64
     * most recent statements parsed (H2's default of 8 is fewer than the scan writer's statements per group, which
     * it then parsed again for every group: 4% of the server's CPU under load). H2 would close the file by itself when
     * the JVM exits, beside the server's own orderly shutdown; H2FileStore stops that (DB_CLOSE_ON_EXIT=FALSE is
     * refused with AUTO_SERVER).
     */
    private static final String[] H2_FILE_OPTIONS = {
        "MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH", "AUTO_SERVER=TRUE",
        "WRITE_DELAY=2000000000", "QUERY_CACHE_SIZE=64"
    };
    private static final String[] H2_MEM_OPTIONS = {
        "MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH", "DB_CLOSE_DELAY=-1",
        "QUERY_CACHE_SIZE=64"
    };

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final boolean postgres;
    private final StoreFlusher flusher;
    private final H2FileStore fileStore;
    private final ReentrantLock storeGate = new ReentrantLock();

    private Database(HikariDataSource dataSource, boolean postgres, boolean h2File, boolean syncWrites) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.fileStore = h2File ? new H2FileStore(storeGate, syncWrites) : null;
        this.flusher = h2File ? new StoreFlusher(fileStore) : null;
        Settings settings = new Settings().withRenderSchema(false).withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
        // Thread-bound transactions let repositories share one transaction through dsl.transaction(() -> ...).
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        configuration.set(postgres ? SQLDialect.POSTGRES : SQLDialect.H2);
        configuration.set(settings);
        if (flusher != null) {
            configuration.set(new DefaultExecuteListenerProvider(flusher));
            configuration.set(new DefaultTransactionListenerProvider(flusher));
        }
        this.dsl = DSL.using(configuration);
    }

    /** Opens the pool and applies pending migrations; fails with a one-line message if unreachable. */
    public static Database open(TouchmarkConfig config, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(effectiveUrl(config.dbUrl()));
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("touchmark-db");
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the database at TOUCHMARK_DB_URL=" + config.dbUrl() + ": " + rootMessage(e));
        }
        try {
            flyway(dataSource).migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new ConfigException("cannot migrate the database at " + config.dbUrl() + ": " + rootMessage(e));
        }
        Database database = new Database(dataSource, config.isPostgres(), h2FileBase(config.dbUrl()).isPresent(),
                config.scans().syncWrites());
        try {
            database.checkpoint(); // what the migrations wrote
        } catch (RuntimeException e) {
            database.close();
            throw new ConfigException("cannot write the database at " + config.dbUrl() + ": " + rootMessage(e));
        }
        return database;
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
     * On an embedded H2 file, writes everything committed so far to the file, holding the store gate only while H2
     * takes its snapshot (see H2FileStore); on PostgreSQL (whose commits are durable) and in-memory H2 it does
     * nothing.
     */
    public void checkpoint() {
        if (fileStore != null) {
            dsl.connection(fileStore::checkpoint);
        }
    }

    /**
     * On an embedded H2 file, one step of compaction, for the thread that checkpoints to take after each checkpoint
     * (see H2FileStore): returns the bytes of live pages it allowed itself to rewrite, 0 if it did nothing.
     * Elsewhere it does nothing.
     */
    public int compactStep() {
        return fileStore == null ? 0 : dsl.connectionResult(fileStore::compactStep);
    }

    /**
     * On an embedded H2 file, the share of the file that holds live data (see H2FileStore.liveShare); empty elsewhere.
     */
    public java.util.OptionalDouble fileLiveShare() {
        return fileStore == null ? java.util.OptionalDouble.empty() : dsl.connectionResult(fileStore::liveShare);
    }

    /**
     * The calling thread's commits are not followed by a checkpoint: it makes them durable itself (the scan
     * writer, through its journal, checkpointing before it drops journal segments).
     */
    public void exemptFromCheckpoints(Thread thread) {
        if (flusher != null) {
            flusher.exempt(thread);
        }
    }

    /** Ends {@link #exemptFromCheckpoints}. */
    public void endExemption(Thread thread) {
        if (flusher != null) {
            flusher.unexempt(thread);
        }
    }

    /**
     * The gate every checkpoint passes: whoever holds it (the scan writer, for each group's transaction) keeps
     * the database file from being written until it is done (see StoreFlusher).
     */
    public Lock storeGate() {
        return storeGate;
    }

    /** True for an embedded H2 database file, where scans go through a journal (see scan.ScanJournal). */
    public boolean isH2File() {
        return flusher != null;
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

    @Override
    public void close() {
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
