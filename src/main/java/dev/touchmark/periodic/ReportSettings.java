package dev.touchmark.periodic;

import dev.touchmark.config.ConfigException;
import java.time.Duration;
import java.util.Map;

/**
 * How often the report scheduler looks for ended periods and pending reports, and how long a node holds a report it
 * generates before another may take it over. Set by TOUCHMARK_REPORT_POLL_SECONDS (default 60) and
 * TOUCHMARK_REPORT_LEASE_SECONDS (default 300).
 */
public record ReportSettings(Duration pollInterval, Duration lease) {
    public static final String POLL_VARIABLE = "TOUCHMARK_REPORT_POLL_SECONDS";
    public static final String LEASE_VARIABLE = "TOUCHMARK_REPORT_LEASE_SECONDS";

    public ReportSettings {
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("report poll interval and lease must be positive");
        }
    }

    /** The defaults: a poll a minute, leases of five minutes. */
    public static ReportSettings defaults() {
        return new ReportSettings(Duration.ofSeconds(60), Duration.ofSeconds(300));
    }

    /** The settings from environment variables, defaults where unset; ConfigException naming the variable if bad. */
    public static ReportSettings from(Map<String, String> env) {
        ReportSettings defaults = defaults();
        return new ReportSettings(seconds(env, POLL_VARIABLE, defaults.pollInterval()), seconds(env, LEASE_VARIABLE, defaults.lease()));
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 1 && value <= 86_400) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(name + " must be a whole number of seconds from 1 to 86400, not '" + raw + "'");
    }
}
