package dev.touchmark.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several Touchmark servers, each its own process, on one fresh PostgreSQL database, behind a real HAProxy: what an
 * installation with more than one node runs. Every node gets the same master key and public URL; each run has its own
 * database (dropped on close) and its own folder of logs.
 */
public final class TouchmarkCluster implements AutoCloseable {
    /** Small heaps and the C1 compiler only: three servers, the proxy, PostgreSQL and the test share two cores. */
    private static final List<String> NODE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private final Path dir;
    private final TestDatabases.Postgres database;
    private final List<ServerProcess> nodes;
    private final Haproxy proxy;
    private final BrandOnServer brand;

    private TouchmarkCluster(Path dir, TestDatabases.Postgres database, List<ServerProcess> nodes, Haproxy proxy,
                             BrandOnServer brand) {
        this.dir = dir;
        this.database = database;
        this.nodes = nodes;
        this.proxy = proxy;
        this.brand = brand;
    }

    /**
     * Creates the database and a brand (with the command line, which also applies the migrations), starts the nodes
     * side by side, then the proxy, and returns once the proxy routes to every node. Skipped without haproxy or
     * PostgreSQL, except under CI=true, where either missing fails.
     */
    public static TouchmarkCluster start(int nodeCount, Path dir) throws InterruptedException {
        Path haproxy = Haproxy.binary();
        Path jar = ServerProcess.packagedJar();
        TestDatabases.Postgres database = TestDatabases.postgres(dir);
        List<ServerProcess> nodes = new ArrayList<>();
        Haproxy proxy = null;
        try {
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TOUCHMARK_DB_URL", database.config().dbUrl());
            env.put("TOUCHMARK_DB_USER", database.config().dbUser());
            env.put("TOUCHMARK_DB_PASSWORD", database.config().dbPassword());
            env.put("TOUCHMARK_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
            env.put("TOUCHMARK_PUBLIC_URL", TestDatabases.PUBLIC_URL);
            env.put("TOUCHMARK_DATA_DIR", dir.resolve("admin").toString());
            for (int i = 1; i <= nodeCount; i++) {
                Map<String, String> nodeEnv = new LinkedHashMap<>(env);
                nodeEnv.put("TOUCHMARK_DATA_DIR", dir.resolve("node" + i).toString());
                nodes.add(ServerProcess.of("node" + i, jar, NODE_JVM, nodeEnv, dir));
            }
            BrandOnServer brand = BrandOnServer.create(jar, env, dir, nodes.get(0).port());
            nodes.forEach(ServerProcess::start);
            for (ServerProcess node : nodes) {
                if (!node.awaitReady(Duration.ofSeconds(90))) {
                    throw new IllegalStateException(node.name() + " did not answer /readyz with 200 within 90 s (exit "
                            + node.exitValue() + ")\n" + node.notableLog(8000));
                }
            }
            proxy = Haproxy.start(haproxy, dir, nodes.stream().map(n -> new Haproxy.Backend(n.name(), n.port())).toList());
            TouchmarkCluster cluster = new TouchmarkCluster(dir, database, nodes, proxy, brand);
            cluster.awaitRoutingTo(nodes.stream().map(ServerProcess::name).toList(), Duration.ofSeconds(20));
            return cluster;
        } catch (RuntimeException | InterruptedException | Error e) {
            stopAll(nodes, proxy, database);
            throw e;
        }
    }

    public List<ServerProcess> nodes() {
        return nodes;
    }

    public ServerProcess node(int index) {
        return nodes.get(index);
    }

    public URI proxyUri() {
        return proxy.baseUri();
    }

    public BrandOnServer brand() {
        return brand;
    }

    public Path dir() {
        return dir;
    }

    /** Returns once GET /readyz through the proxy has been answered by each of these nodes. */
    public void awaitRoutingTo(Collection<String> names, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(proxy.baseUri().resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.containsAll(names)) {
            if (System.nanoTime() > deadline || !proxy.isAlive()) {
                throw new IllegalStateException("HAProxy routed /readyz only to " + seen + " of " + names + " within " + timeout
                        + " (proxy " + (proxy.isAlive() ? "running" : "exited") + ")\n" + proxy.log());
            }
            try {
                HttpResponse<Void> answer = http.send(ready, HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    answer.headers().firstValue(Haproxy.NODE_HEADER).ifPresent(seen::add);
                }
            } catch (java.io.IOException e) {
                // the proxy is still binding its port
            }
            Thread.sleep(20);
        }
    }

    /** The ids of these scans that are in scan_event, read straight from the database the nodes share. */
    public Set<Long> storedScanIds(Collection<Long> ids) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.config().dbUrl(), database.config().dbUser(),
                database.config().dbPassword());
             PreparedStatement select = connection.prepareStatement("SELECT id FROM scan_event WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            select.setArray(1, array);
            Set<Long> found = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
            return found;
        }
    }

    /** The nodes' and the proxy's output, for a failure: where the files are, and their notable lines. */
    public String logs() {
        StringBuilder text = new StringBuilder("logs of this run in " + dir.toAbsolutePath() + "\n");
        for (ServerProcess node : nodes) {
            text.append(node.notableLog(6000)).append('\n');
        }
        String proxyLog = proxy.log();
        text.append("--- haproxy ---\n").append(proxyLog.length() <= 4000 ? proxyLog : "..." + proxyLog.substring(proxyLog.length() - 4000));
        return text.toString();
    }

    @Override
    public void close() {
        stopAll(nodes, proxy, database);
    }

    private static void stopAll(List<ServerProcess> nodes, Haproxy proxy, TestDatabases.Postgres database) {
        try {
            for (ServerProcess node : nodes) {
                node.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            database.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database", e);
        }
    }
}
