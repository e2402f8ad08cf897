package dev.touchmark.bench;

import dev.touchmark.config.ConfigLoader;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.db.H2Password;
import dev.touchmark.testsupport.BrandOnServer;
import dev.touchmark.testsupport.ServerProcess;
import dev.touchmark.testsupport.Shopper;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The Java side of scripts/crash-test.sh: the packaged server on embedded H2 or PostgreSQL, under verification load from
 * a few clients that never stop, is killed with SIGKILL at random moments (once it has answered 50 scans since it
 * started, 0-2 s later), some while it is still starting, and started again each time. After every start it checks that every scan answered 200 so far is in scan_event, and it ends with a
 * one-line summary for docs/benchmarks.md. Exit status 0 when every store opened and no answered scan is missing.
 *
 * <p>Options: --db h2|postgres, --kills N (100), --clients N (8), --start-kills PERCENT of kills made while the server
 * starts (10), --seed N, --out DIR (target/crash-test). JVM options of the server: JAVA_OPTS as in bench-verify.sh.
 */
public final class CrashLoop {
    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int CODES_PER_BATCH = 2_000;

    private final String db;
    private final int kills;
    private final int clients;
    private final int startKillPercent;
    private final Random random;
    private final Set<Long> answered = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> otherAnswers = new ConcurrentHashMap<>();
    private final Set<Long> verified = new HashSet<>();
    private final Set<Long> missing = new HashSet<>();

    private CrashLoop(String db, int kills, int clients, int startKillPercent, long seed) {
        this.db = db;
        this.kills = kills;
        this.clients = clients;
        this.startKillPercent = startKillPercent;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String db = options.getOrDefault("db", "h2");
        if (!db.equals("h2") && !db.equals("postgres")) {
            throw new IllegalArgumentException("--db must be h2 or postgres, not " + db);
        }
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime())));
        CrashLoop loop = new CrashLoop(db, Integer.parseInt(options.getOrDefault("kills", "100")),
                Integer.parseInt(options.getOrDefault("clients", "8")), Integer.parseInt(options.getOrDefault("start-kills", "10")), seed);
        String run = db + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Files.createDirectories(Path.of(options.getOrDefault("out", "target/crash-test"), run).toAbsolutePath());
        System.out.println("crash test on " + loop.label() + ": " + loop.kills + " kills, " + loop.clients + " clients, seed " + seed
                + ", logs in " + dir);
        System.exit(loop.run(dir) ? 0 : 1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value pairs: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private String label() {
        return db.equals("h2") ? "H2" : "PostgreSQL";
    }

    private boolean run(Path dir) throws Exception {
        String pgName = null;
        Map<String, String> env = new LinkedHashMap<>();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        env.put("TOUCHMARK_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        env.put("TOUCHMARK_PUBLIC_URL", TestDatabases.PUBLIC_URL);
        env.put("TOUCHMARK_DATA_DIR", dir.toString());
        if (db.equals("h2")) {
            env.put("TOUCHMARK_DB_URL", "jdbc:h2:file:" + dir.resolve("touchmark"));
            env.put("TOUCHMARK_DB_USER", "sa");
        } else {
            pgName = "tm_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            adminSql("CREATE DATABASE " + pgName);
            env.put("TOUCHMARK_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + pgName);
            env.put("TOUCHMARK_DB_USER", "postgres");
        }
        env.put("TOUCHMARK_DB_PASSWORD", "");
        String javaOpts = System.getenv().getOrDefault("JAVA_OPTS", "-XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1");
        List<String> jvm = javaOpts.isBlank() ? List.of() : List.of(javaOpts.trim().split("\\s+"));
        Path jar = ServerProcess.packagedJar();
        ServerProcess server = ServerProcess.of("server", jar, jvm, env, dir);
        ExecutorService load = Executors.newFixedThreadPool(clients + 2, r -> {
            Thread thread = new Thread(r, "crash-load");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean stop = new AtomicBoolean();
        try {
            BrandOnServer brand = BrandOnServer.create(jar, env, dir, server.port());
            server.start();
            if (!server.awaitReady(START_TIMEOUT)) {
                throw new IllegalStateException("the server did not start on a fresh database\n" + server.notableLog(8000));
            }
            List<String> codes = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                codes.addAll(brand.releasedBatch(CODES_PER_BATCH).urls());
            }
            startLoad(load, server, codes, stop);
            Summary summary = killLoop(server, env.get("TOUCHMARK_DB_URL"));
            stop.set(true);
            load.shutdown();
            load.awaitTermination(60, TimeUnit.SECONDS);
            int exit = server.stop();
            check(env.get("TOUCHMARK_DB_URL"), new HashSet<>(answered)); // the last answers, with the server stopped
            String line = "crash-test " + label() + ": " + kills + " SIGKILLs under load from " + clients + " clients ("
                    + summary.startKills + " while starting); stores opened " + summary.opened + "/" + summary.starts
                    + "; scans answered " + answered.size() + ", recorded " + verified.size() + ", answered but missing "
                    + missing.size() + "; rows in scan_event " + rows(env.get("TOUCHMARK_DB_URL")) + "; other answers "
                    + new TreeMap<>(otherAnswers) + "; clean stop exit " + exit + "; " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + summary.seconds + " s";
            System.out.println(line);
            return missing.isEmpty() && summary.opened == summary.starts;
        } finally {
            stop.set(true);
            load.shutdownNow();
            server.close();
            if (pgName != null) {
                adminSql("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            }
        }
    }

    private record Summary(int starts, int opened, int startKills, long seconds) {
    }

    /** Kills the running server N times and restarts it after each; a few kills land while it starts. */
    private Summary killLoop(ServerProcess server, String dbUrl) throws Exception {
        long began = System.nanoTime();
        int starts = 0;
        int opened = 0;
        int startKills = 0;
        long lastStartMillis = 3000;
        for (int kill = 1; kill <= kills; kill++) {
            boolean duringStart = !server.isAlive() && random.nextInt(100) < startKillPercent;
            if (duringStart) {
                // Killed at a random moment of its start-up: migrations, opening the store, replaying what it must.
                server.start();
                Thread.sleep(random.nextLong(lastStartMillis) + 1);
                boolean readyBeforeKill = server.isReady();
                server.kill();
                startKills += readyBeforeKill ? 0 : 1;
                System.out.println("kill " + kill + "/" + kills + (readyBeforeKill ? ": after it became ready" : ": while starting"));
                continue;
            }
            if (!server.isAlive()) {
                starts++;
                long t0 = System.nanoTime();
                server.start();
                if (!server.awaitReady(START_TIMEOUT)) {
                    System.out.println("kill " + kill + "/" + kills + ": the store did NOT open (exit " + server.exitValue() + "); "
                            + server.notableLog(4000));
                    server.kill();
                    continue;
                }
                opened++;
                lastStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                Set<Long> before = new HashSet<>(answered);
                int newlyMissing = check(dbUrl, before);
                System.out.println("start " + starts + ": store opened in " + lastStartMillis + " ms; answered so far " + before.size()
                        + ", recorded " + verified.size() + ", missing " + missing.size() + (newlyMissing > 0 ? " (NEW: " + newlyMissing + ")" : ""));
            }
            // Under load until this life of the server has answered a few scans (a cold JVM is slow), then a random while.
            int answeredAtStart = answered.size();
            long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (answered.size() < answeredAtStart + 50 && System.nanoTime() < warmDeadline) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(2000));
            server.kill();
            System.out.println("kill " + kill + "/" + kills + " (answered so far " + answered.size() + ")");
        }
        starts++;
        server.start();
        if (server.awaitReady(START_TIMEOUT)) {
            opened++;
            int newlyMissing = check(dbUrl, new HashSet<>(answered));
            System.out.println("final start: store opened; answered " + answered.size() + ", recorded " + verified.size()
                    + ", missing " + missing.size() + (newlyMissing > 0 ? " (NEW: " + newlyMissing + ")" : ""));
        } else {
            System.out.println("final start: the store did NOT open (exit " + server.exitValue() + "); " + server.notableLog(4000));
        }
        return new Summary(starts, opened, startKills, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
    }

    /** Clients that verify random codes, each as a new phone or one seen before, for as long as the loop runs. */
    private void startLoad(ExecutorService load, ServerProcess server, List<String> codes, AtomicBoolean stop) {
        ExecutorService httpThreads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "crash-http");
            thread.setDaemon(true);
            return thread;
        });
        Shopper shopper = new Shopper(httpThreads);
        for (int c = 0; c < clients; c++) {
            load.submit(() -> {
                Random phones = new Random();
                List<String> known = new ArrayList<>();
                while (!stop.get()) {
                    String device = known.isEmpty() || phones.nextInt(4) > 0 ? Shopper.newDevice(phones) : known.get(phones.nextInt(known.size()));
                    if (known.size() < 50) {
                        known.add(device);
                    }
                    Shopper.Answer answer = shopper.verify(server.baseUri(), "server", codes.get(phones.nextInt(codes.size())), device);
                    if (answer.ok()) {
                        answered.add(answer.scanId());
                    } else if (answer.status() == 0) {
                        LockSupport.parkNanos(20_000_000); // down: not a busy loop against a closed port
                    } else {
                        otherAnswers.computeIfAbsent("HTTP " + answer.status(), k -> new AtomicLong()).incrementAndGet();
                    }
                }
                return null;
            });
        }
    }

    /** Looks the answered scans up in scan_event; returns how many of them are newly found missing. */
    private int check(String dbUrl, Set<Long> ids) throws Exception {
        Set<Long> toCheck = new HashSet<>(ids);
        toCheck.removeAll(verified);
        toCheck.removeAll(missing);
        if (toCheck.isEmpty()) {
            return 0;
        }
        long min = toCheck.stream().mapToLong(Long::longValue).min().orElseThrow();
        Set<Long> found = new HashSet<>();
        try (Connection connection = connect(dbUrl);
             PreparedStatement select = connection.prepareStatement("SELECT id FROM scan_event WHERE id >= ?")) {
            select.setLong(1, min);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        int before = missing.size();
        for (Long id : toCheck) {
            (found.contains(id) ? verified : missing).add(id);
        }
        return missing.size() - before;
    }

    private long rows(String dbUrl) throws Exception {
        try (Connection connection = connect(dbUrl); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM scan_event")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The database as admin commands open it (on H2 through the server's admin port while a server runs). */
    private static Connection connect(String dbUrl) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOUCHMARK_DB_URL", dbUrl);
        Database.h2FileBase(dbUrl).ifPresent(base -> env.put("TOUCHMARK_DATA_DIR", base.getParent().toString()));
        TouchmarkConfig config = H2Password.read(ConfigLoader.load(env));
        return DriverManager.getConnection(Database.adminUrl(dbUrl), config.dbUser(), config.dbPassword());
    }

    private static void adminSql(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
