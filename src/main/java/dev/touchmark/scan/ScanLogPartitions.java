package dev.touchmark.scan;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan log's monthly partitions on PostgreSQL (migration V8_1, db/postgresql): creates the coming months'
 * partitions before scans need them and drops whole partitions past retention. The partition key is the scan id,
 * which is time-ordered (ScanIds), so a month of scans is a range of ids. On H2, where scan_event is a plain table,
 * every method does nothing.
 *
 * <p>Several nodes may run this at once: each change is one transaction that first takes a transaction-scoped
 * advisory lock, then reads the partitions again, so the second node finds the work done. Each also waits at most
 * {@value #LOCK_TIMEOUT} for the table locks it needs (dropping a partition locks the whole scan log, and waits for
 * queries in flight on it, while every new scan would wait behind it): if it cannot have them, it fails and the
 * next hourly run tries again.
 */
public final class ScanLogPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(ScanLogPartitions.class);
    /** Months after the current one (UTC) that get their partition in advance. */
    static final int MONTHS_AHEAD = 3;
    static final String DEFAULT_PARTITION = "scan_event_default";
    private static final String LOCK_TIMEOUT = "1s";
    /** pg_advisory_xact_lock key shared by every node changing the scan log's partitions ("tm_parts"). */
    private static final long LOCK_KEY = 0x746d5f7061727473L;
    private static final Pattern RANGE = Pattern.compile("FOR VALUES FROM \\((.+)\\) TO \\((.+)\\)");

    private final DSLContext dsl;
    private final Clock clock;
    private final boolean postgres;

    public ScanLogPartitions(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /** A partition of scan_event and the ids it takes: from inclusive, to exclusive, null for MINVALUE / MAXVALUE. */
    record Partition(String name, Long from, Long to, boolean isDefault) {
        /** Reads pg_get_expr(relpartbound): {@code FOR VALUES FROM ('0') TO ('123')}, MINVALUE, MAXVALUE or DEFAULT. */
        static Partition parse(String name, String bound) {
            if (bound.equals("DEFAULT")) {
                return new Partition(name, null, null, true);
            }
            Matcher m = RANGE.matcher(bound);
            if (!m.matches()) {
                throw new IllegalArgumentException("unexpected bound of partition " + name + ": " + bound);
            }
            return new Partition(name, value(m.group(1)), value(m.group(2)), false);
        }

        private static Long value(String literal) {
            String v = literal.replace("'", "");
            return v.equals("MINVALUE") || v.equals("MAXVALUE") ? null : Long.parseLong(v);
        }

        boolean overlaps(long lo, long hi) {
            return !isDefault && (from == null || from < hi) && (to == null || to > lo);
        }

        /** True if every id it can hold is below an id. */
        boolean below(long id) {
            return !isDefault && to != null && to <= id;
        }
    }

    /** The name of a month's partition, scan_event_y2026m12. */
    static String monthName(YearMonth month) {
        return String.format("scan_event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    /** The first scan id of a month (UTC). */
    static long firstId(YearMonth month) {
        return ScanIds.firstIdAt(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    /**
     * Creates the partitions of the current month and the next {@link #MONTHS_AHEAD} where no partition holds their
     * ids yet, and the DEFAULT partition if it is missing; returns the partitions it created. Scans of such a month
     * already in the DEFAULT partition move into the new one.
     */
    public List<String> createAhead() {
        List<String> created = new ArrayList<>();
        if (!partitioned()) {
            return created;
        }
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (int i = 0; i <= MONTHS_AHEAD; i++) {
            YearMonth month = now.plusMonths(i);
            long lo = firstId(month);
            long hi = firstId(month.plusMonths(1));
            if (lo < hi && locked(() -> create(month, lo, hi))) {
                created.add(monthName(month));
            }
        }
        if (locked(this::createDefault)) {
            created.add(DEFAULT_PARTITION);
        }
        return created;
    }

    /** Detaches and drops, oldest first, every partition whose scans are all older than firstKept; returns their names. */
    public List<String> dropBelow(long firstKept) {
        List<String> dropped = new ArrayList<>();
        if (!partitioned()) {
            return dropped;
        }
        List<Partition> old = partitions().stream().filter(p -> p.below(firstKept))
                .sorted(Comparator.comparing(Partition::to)).toList();
        for (Partition partition : old) {
            if (locked(() -> drop(partition.name(), firstKept))) {
                dropped.add(partition.name());
            }
        }
        return dropped;
    }

    /** What the retention job runs every hour: {@link #createAhead} and {@link #dropBelow}, a failure of one logged. */
    void maintain(long firstKept) {
        try {
            createAhead().forEach(name -> LOG.info("Created scan log partition {}", name));
        } catch (RuntimeException e) {
            LOG.warn("Creating the scan log's next partitions failed; retried in an hour", e);
        }
        try {
            dropBelow(firstKept);
        } catch (RuntimeException e) {
            LOG.warn("Dropping scan log partitions past retention failed; retried in an hour", e);
        }
    }

    /** The partitions of scan_event (none on H2, or if scan_event is not partitioned). */
    List<Partition> partitions() {
        if (!partitioned()) {
            return List.of();
        }
        return dsl.fetch("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'scan_event'::regclass")
                .map(r -> Partition.parse(r.get(0, String.class), r.get(1, String.class)));
    }

    private boolean partitioned() {
        return postgres && "p".equals(dsl.fetchValue("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('scan_event')"));
    }

    /** Runs a change in a transaction holding the advisory lock, with a lock timeout; true if it changed something. */
    private boolean locked(java.util.function.BooleanSupplier change) {
        return dsl.transactionResult(() -> {
            dsl.fetch("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
            dsl.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            return change.getAsBoolean();
        });
    }

    private boolean create(YearMonth month, long lo, long hi) {
        List<Partition> existing = partitions();
        if (existing.stream().anyMatch(p -> p.overlaps(lo, hi))) {
            return false;
        }
        String name = monthName(month);
        // Made apart and then attached: ATTACH takes a lighter lock on scan_event than CREATE TABLE ... PARTITION OF,
        // one that lets the scan writer go on inserting.
        dsl.execute("CREATE TABLE " + name + " (LIKE scan_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)");
        if (existing.stream().anyMatch(Partition::isDefault)) {
            String columns = dsl.resultQuery("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
                    + " WHERE attrelid = 'scan_event'::regclass AND attnum > 0 AND NOT attisdropped").fetchOne(0, String.class);
            int moved = dsl.execute("WITH moved AS (DELETE FROM " + DEFAULT_PARTITION + " WHERE id >= " + lo + " AND id < " + hi
                    + " RETURNING " + columns + ") INSERT INTO " + name + " (" + columns + ") SELECT " + columns + " FROM moved");
            if (moved > 0) {
                LOG.info("Moved {} scans of {} from {} into its new partition", moved, month, DEFAULT_PARTITION);
            }
        }
        dsl.execute("ALTER TABLE scan_event ATTACH PARTITION " + name + " FOR VALUES FROM (" + lo + ") TO (" + hi + ")");
        return true;
    }

    private boolean createDefault() {
        if (partitions().stream().anyMatch(Partition::isDefault)) {
            return false;
        }
        dsl.execute("CREATE TABLE " + DEFAULT_PARTITION + " PARTITION OF scan_event DEFAULT");
        return true;
    }

    private boolean drop(String name, long firstKept) {
        Optional<Partition> still = partitions().stream().filter(p -> p.name().equals(name) && p.below(firstKept)).findFirst();
        if (still.isEmpty()) {
            return false; // another node dropped it
        }
        Long estimate = dsl.resultQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)", name).fetchOne(0, Long.class);
        dsl.execute("ALTER TABLE scan_event DETACH PARTITION " + name);
        dsl.execute("DROP TABLE " + name);
        LOG.info("Dropped scan log partition {} ({} scans, all older than the retention period)", name,
                estimate == null || estimate < 0 ? "unknown number of" : "about " + estimate);
        return true;
    }
}
