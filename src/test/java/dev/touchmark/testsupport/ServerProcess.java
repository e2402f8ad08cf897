package dev.touchmark.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server (target/touchmark.jar, named by TOUCHMARK_JAR under Failsafe) run as a separate process on
 * loopback, its output in two files: what a multi-node or crash test starts, kills with SIGKILL and starts again.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient READINESS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String name;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path logDir;
    private final int port;
    private Process process;
    private int starts;

    private ServerProcess(String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logDir, int port) {
        this.name = name;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.env = env;
        this.logDir = logDir;
        this.port = port;
    }

    /**
     * A server to be started with these TOUCHMARK_* variables (port, host and the unlimited verify rate are set here),
     * writing its output to logDir/name-N.out and .err, N counting starts.
     */
    public static ServerProcess of(String name, Path jar, List<String> jvmOptions, Map<String, String> touchmarkEnv, Path logDir) {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>(touchmarkEnv);
        env.put("TOUCHMARK_PORT", Integer.toString(port));
        env.put("TOUCHMARK_HOST", "127.0.0.1");
        env.putIfAbsent("TOUCHMARK_RATE_VERIFY_PER_MINUTE", "0");
        return new ServerProcess(name, jar, jvmOptions, env, logDir, port);
    }

    /** The packaged jar: TOUCHMARK_JAR (Failsafe sets it), else target/touchmark.jar. */
    public static Path packagedJar() {
        String configured = System.getenv("TOUCHMARK_JAR");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "touchmark.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged server " + jar.toAbsolutePath()
                    + " is missing: run mvn -DskipTests package, or set TOUCHMARK_JAR");
        }
        return jar.toAbsolutePath();
    }

    /** Runs a command of the packaged jar (such as brand create) against the same database and waits for it. */
    public static Run command(Path jar, Map<String, String> touchmarkEnv, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TOUCHMARK_"));
        builder.environment().putAll(touchmarkEnv);
        try {
            Path out = Files.createTempFile(workDir, "command-", ".out");
            Path err = Files.createTempFile(workDir, "command-", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("touchmark " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a command printed, and its exit status. */
    public record Run(int exit, String out, String err) {
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the server; call {@link #awaitReady} before sending it requests. */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(logDir.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TOUCHMARK_"));
        builder.environment().putAll(env);
        try {
            process = builder.redirectOutput(out().toFile()).redirectError(err().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until GET /readyz answers 200 (migrations applied, database reachable). Returns false if the process
     * exited or the time ran out first.
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                return false;
            }
            if (isReady()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** One look at GET /readyz: true when it answers 200 now. */
    public boolean isReady() throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
        try {
            return READINESS.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening (yet, or any more)
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no final commit; waits until the process is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die after SIGKILL");
            }
        }
    }

    /** SIGTERM, as a service manager stops it: the server drains and stops cleanly. Returns the exit status. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Exit status of the last run, or -1 while it runs or before it started. */
    public int exitValue() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }

    public Path out() {
        return logDir.resolve(name + "-" + starts + ".out");
    }

    public Path err() {
        return logDir.resolve(name + "-" + starts + ".err");
    }

    /**
     * The last run's output without the access lines of requests answered 200 (at most maxChars, its end), for a
     * failure message.
     */
    public String notableLog(int maxChars) {
        StringBuilder lines = new StringBuilder();
        for (Path file : List.of(out(), err())) {
            try {
                if (Files.exists(file)) {
                    Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(line -> !(line.contains(" access - ") && line.contains(" 200 ")))
                            .forEach(line -> lines.append(line).append('\n'));
                }
            } catch (IOException e) {
                lines.append("(").append(file).append(" unreadable: ").append(e).append(")\n");
            }
        }
        String text = lines.toString();
        return "--- " + name + " (" + out() + ", .err; access lines of 200 answers left out) ---\n"
                + (text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port free on loopback now, for a server that binds it a moment later (a JVM start: seconds). It is taken
     * below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768 up by default), where the
     * operating system never hands it to another process's outgoing connection meanwhile; a port from bind(0)
     * lies inside that range, and a browser test beside it once took one before the server bound it.
     */
    public static int freePort() {
        int below = Math.min(ephemeralPortsStart(), 65536);
        for (int attempt = 0; attempt < 200 && below > 20_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, below);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // in use: another one
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int ephemeralPortsStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
