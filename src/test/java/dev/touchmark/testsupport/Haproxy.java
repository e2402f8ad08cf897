package dev.touchmark.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HAProxy (Debian package haproxy) in front of Touchmark servers, round robin, started in the foreground with a
 * generated configuration on a free loopback port. It checks each server's GET /readyz every 500 ms, takes a server out
 * after three failed checks (or at once when connections to it fail), and sends a request whose connection is refused to
 * another server. Its warnings go to haproxy.log, a line per request to haproxy-requests.log. Answers from a server
 * carry {@value #NODE_HEADER} (the server's name); every answer, HAProxy's own errors included, carries
 * {@value #ROUTED_HEADER} (the server HAProxy picked), so a test can tell a server's 5xx from the 502 HAProxy gives for
 * a request in flight on a server that died.
 */
public final class Haproxy implements AutoCloseable {
    public static final String NODE_HEADER = "X-Touchmark-Node";
    public static final String ROUTED_HEADER = "X-Touchmark-Routed-To";
    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/local/sbin/haproxy"));

    private final Process process;
    private final int port;
    private final Path config;
    private final Path log;

    private Haproxy(Process process, int port, Path config, Path log) {
        this.process = process;
        this.port = port;
        this.config = config;
        this.log = log;
    }

    /** One server behind the proxy. */
    public record Backend(String name, int port) {
    }

    /**
     * The haproxy binary. Missing, the test is skipped with a message saying how to install it, except under CI=true,
     * where it fails: CI must never pass without having run behind a real proxy.
     */
    public static Path binary() {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                                .map(dir -> Path.of(dir, "haproxy")),
                        WELL_KNOWN.stream())
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "haproxy is not installed (apt-get install -y haproxy); the multi-node test needs it";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true requires it; .ci/run installs it)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    /** Starts HAProxy in front of these servers; its configuration and output go to dir. */
    public static Haproxy start(Path binary, Path dir, List<Backend> backends) {
        int port = ServerProcess.freePort();
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        try {
            Files.writeString(config, configuration(port, backends));
            Process check = new ProcessBuilder(binary.toString(), "-c", "-q", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy-check.log").toFile()).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("haproxy refused the generated configuration " + config + ": "
                        + Files.readString(dir.resolve("haproxy-check.log")));
            }
            // -db: stay in the foreground, so the process is the proxy and ends with it.
            Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                    .redirectOutput(dir.resolve("haproxy-requests.log").toFile()).redirectError(log.toFile()).start();
            return new Haproxy(process, port, config, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String configuration(int port, List<Backend> backends) {
        StringBuilder cfg = new StringBuilder("""
                global
                  maxconn 4096
                  # one line per request on standard output (haproxy-requests.log); warnings go to standard error
                  log stdout format raw local0
                defaults
                  mode http
                  log global
                  option httplog
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  timeout http-keep-alive 10s
                  # a loaded node may take a while to answer /readyz; slow is not down
                  timeout check 5s
                  # a refused connection is retried on another server: a dead server loses no request it was not sent
                  retries 3
                  option redispatch 1
                frontend touchmark
                """);
        cfg.append("  bind 127.0.0.1:").append(port).append('\n');
        cfg.append("  default_backend nodes\n");
        cfg.append("  http-after-response set-header ").append(ROUTED_HEADER).append(" %[srv_name]\n");
        cfg.append("""
                backend nodes
                  balance roundrobin
                  option httpchk GET /readyz
                  http-check expect status 200
                  default-server inter 500ms fastinter 250ms downinter 500ms fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down
                """);
        cfg.append("  http-response set-header ").append(NODE_HEADER).append(" %s\n");
        for (Backend backend : backends) {
            cfg.append("  server ").append(backend.name()).append(" 127.0.0.1:").append(backend.port()).append(" check\n");
        }
        return cfg.toString();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path config() {
        return config;
    }

    /** HAProxy's own output (warnings, servers going down and up). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
