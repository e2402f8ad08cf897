package dev.touchmark.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads TouchmarkConfig from environment variables, with the defaults documented in README.md. */
public final class ConfigLoader {
    /** More proxies than this in front of one server is a misconfiguration, not an architecture. */
    private static final int MAX_TRUSTED_PROXY_HOPS = 10;

    private ConfigLoader() {
    }

    /** Loads from the process environment. */
    public static TouchmarkConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** Loads from a map of variables; throws ConfigException naming the variable to fix. */
    public static TouchmarkConfig load(Map<String, String> env) {
        int port = port(env.getOrDefault("TOUCHMARK_PORT", "7070"));
        String host = env.getOrDefault("TOUCHMARK_HOST", "0.0.0.0").strip();
        Path dataDir = Path.of(env.getOrDefault("TOUCHMARK_DATA_DIR", "data")).toAbsolutePath().normalize();
        String publicUrl = configuredPublicUrl(env).orElse("http://localhost:" + port);
        String dbUrl = env.getOrDefault("TOUCHMARK_DB_URL", "jdbc:h2:file:" + dataDir.resolve("touchmark"));
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("TOUCHMARK_DB_URL must start with jdbc:h2: or jdbc:postgresql:, not '" + dbUrl + "'");
        }
        String dbUser = env.getOrDefault("TOUCHMARK_DB_USER", dbUrl.startsWith("jdbc:h2:") ? "sa" : "postgres");
        String dbPassword = env.getOrDefault("TOUCHMARK_DB_PASSWORD", "");
        Optional<String> masterKey = Optional.ofNullable(env.get("TOUCHMARK_MASTER_KEY")).filter(s -> !s.isBlank());
        Path masterKeyFile = Path.of(env.getOrDefault("TOUCHMARK_MASTER_KEY_FILE", dataDir.resolve("master.key").toString()));
        return new TouchmarkConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKey, masterKeyFile,
                scanSettings(env),
                WebhookSettings.defaults().withAllowPrivateNetworks(bool(env, "TOUCHMARK_WEBHOOK_ALLOW_PRIVATE", false)),
                exportSettings(env), MailSettings.from(env));
    }

    /**
     * TOUCHMARK_PUBLIC_URL when it is set (checked as load checks it); empty when unset, where load falls back to
     * http://localhost and the port, a guess admin commands must not print labels for.
     */
    public static Optional<String> configuredPublicUrl(Map<String, String> env) {
        String value = env.get("TOUCHMARK_PUBLIC_URL");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(publicUrl(value));
    }

    private static ExportSettings exportSettings(Map<String, String> env) {
        ExportSettings d = ExportSettings.defaults();
        int atOnce = number(env, "TOUCHMARK_EXPORTS_AT_ONCE", d.atOnce(), 1, 1_000);
        int perBrand = number(env, "TOUCHMARK_EXPORTS_PER_BRAND", d.perBrand(), 1, 1_000);
        if (perBrand > atOnce) {
            throw new ConfigException("TOUCHMARK_EXPORTS_PER_BRAND (" + perBrand + ") must not exceed TOUCHMARK_EXPORTS_AT_ONCE ("
                    + atOnce + ")");
        }
        return new ExportSettings(number(env, "TOUCHMARK_EXPORT_THREADS", d.renderThreads(), 0, 256), atOnce, perBrand);
    }

    private static ScanSettings scanSettings(Map<String, String> env) {
        ScanSettings d = ScanSettings.defaults();
        Optional<String> clientIpHeader = clientIpHeader(env);
        return new ScanSettings(
                header(env, "TOUCHMARK_COUNTRY_HEADER"),
                clientIpHeader,
                number(env, "TOUCHMARK_SCAN_RETENTION_DAYS", d.retentionDays(), 1, 36_500),
                number(env, "TOUCHMARK_RATE_VERIFY_PER_MINUTE", d.verifyPerMinute(), 0, 1_000_000),
                number(env, "TOUCHMARK_RATE_UPLOADS_PER_MINUTE", d.uploadsPerMinute(), 0, 1_000_000),
                number(env, "TOUCHMARK_RATE_REPORTS_PER_HOUR", d.reportsPerHour(), 0, 1_000_000),
                number(env, "TOUCHMARK_SUSPECT_DEVICES", d.suspectDevices(), 2, 1_000_000),
                bool(env, "TOUCHMARK_SYNC_WRITES", d.syncWrites()),
                trustedProxyHops(env, clientIpHeader));
    }

    /** The client address header: a list proxies append to (X-Forwarded-For, Forwarded) or a header holding one address. */
    private static Optional<String> clientIpHeader(Map<String, String> env) {
        Optional<String> header = header(env, "TOUCHMARK_CLIENT_IP_HEADER");
        String name = header.orElse("").toLowerCase(Locale.ROOT);
        boolean noAddress = name.startsWith("x-forwarded-") && !name.equals("x-forwarded-for");
        if (noAddress || name.equals("via") || name.equals("host")) {
            throw new ConfigException("TOUCHMARK_CLIENT_IP_HEADER must name the header your proxy puts the client address"
                    + " in (X-Forwarded-For, Forwarded, or one holding a single address such as X-Real-IP), not '"
                    + header.get() + "', which carries no client address");
        }
        return header;
    }

    /** How many proxies in front of the server append to the client address header (1 unless set). */
    private static int trustedProxyHops(Map<String, String> env, Optional<String> clientIpHeader) {
        String variable = "TOUCHMARK_TRUSTED_PROXY_HOPS";
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return 1;
        }
        int hops = number(env, variable, 1, 1, MAX_TRUSTED_PROXY_HOPS);
        if (clientIpHeader.isEmpty()) {
            throw new ConfigException(variable + " counts proxies that append to the client address header: set"
                    + " TOUCHMARK_CLIENT_IP_HEADER (X-Forwarded-For or Forwarded) too, or unset " + variable);
        }
        String name = clientIpHeader.get();
        if (hops > 1 && !name.equalsIgnoreCase("X-Forwarded-For") && !name.equalsIgnoreCase("Forwarded")) {
            throw new ConfigException(variable + " above 1 needs TOUCHMARK_CLIENT_IP_HEADER=X-Forwarded-For or Forwarded: "
                    + name + " holds one address; set " + variable + "=1 or unset it");
        }
        return hops;
    }

    private static Optional<String> header(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!value.strip().matches("[A-Za-z0-9-]{1,100}")) {
            throw new ConfigException(name + " must be an HTTP header name such as CF-IPCountry, not '" + value + "'");
        }
        return Optional.of(value.strip());
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new ConfigException("TOUCHMARK_PORT must be a number between 0 and 65535, not '" + value + "'");
    }

    private static String publicUrl(String value) {
        String message = "TOUCHMARK_PUBLIC_URL must be an absolute http(s) URL without query or fragment, such as https://tm.example.com, not '"
                + value + "'";
        try {
            URI uri = new URI(value.strip());
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new ConfigException(message);
            }
            String url = value.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw new ConfigException(message);
        }
    }
}
