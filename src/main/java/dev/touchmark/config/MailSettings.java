package dev.touchmark.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How Touchmark sends e-mail to brand staff: the SMTP server (TOUCHMARK_SMTP_HOST, _PORT, _USERNAME, _PASSWORD,
 * _FROM, _SECURITY), when the daily digest goes out (TOUCHMARK_MAIL_DIGEST_AT, UTC) and how failed sends are retried.
 * Without TOUCHMARK_SMTP_HOST mail is off: staff can still choose what they want, and nothing is queued. The password
 * never prints.
 *
 * @param host          the SMTP server; empty when mail is off
 * @param security      starttls (required), tls (implicit, usually port 465) or none (a relay on a trusted network)
 * @param digestAt      the UTC time of day after which the previous day's digest is sent
 * @param pollInterval  how often a node looks for mail to send and digests to write
 * @param retrySchedule the delay before each attempt after the first; its length plus one is the attempt count
 * @param lease         how long a node owns a message it is sending before another may retry it
 */
public record MailSettings(Optional<String> host, int port, Optional<String> username, Optional<String> password,
                           String from, Security security, LocalTime digestAt, Duration pollInterval,
                           List<Duration> retrySchedule, Duration lease, Duration timeout) {

    /** How the connection to the SMTP server is protected. */
    public enum Security { STARTTLS, TLS, NONE }

    public MailSettings {
        retrySchedule = List.copyOf(retrySchedule);
        if (host.isPresent() && from.isBlank()) {
            throw new ConfigException("TOUCHMARK_SMTP_FROM must be set (the sender address, such as alerts@tm.example.com) when TOUCHMARK_SMTP_HOST is");
        }
        if (lease.compareTo(timeout.multipliedBy(3)) <= 0) {
            throw new IllegalArgumentException("the lease must outlast connecting, sending and closing");
        }
    }

    /** True when an SMTP server is configured. */
    public boolean enabled() {
        return host.isPresent();
    }

    /** Mail off. */
    public static MailSettings off() {
        return new MailSettings(Optional.empty(), 587, Optional.empty(), Optional.empty(), "", Security.STARTTLS,
                LocalTime.of(7, 0), Duration.ofSeconds(15), STANDARD_RETRIES, Duration.ofMinutes(2), Duration.ofSeconds(20));
    }

    /** Retries after 1 minute, 5 minutes, 30 minutes, 2 hours and 6 hours: six attempts over about nine hours. */
    public static final List<Duration> STANDARD_RETRIES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));

    /** A plain SMTP server on a host and port (tests, local relays), sending from an address. */
    public static MailSettings plain(String host, int port, String from) {
        MailSettings off = off();
        return new MailSettings(Optional.of(host), port, Optional.empty(), Optional.empty(), from, Security.NONE,
                off.digestAt, off.pollInterval, off.retrySchedule, off.lease, off.timeout);
    }

    /** A copy with other timing (tests). */
    public MailSettings withTiming(Duration poll, List<Duration> retries, Duration newLease, Duration newTimeout) {
        return new MailSettings(host, port, username, password, from, security, digestAt, poll, retries, newLease, newTimeout);
    }

    /** A copy whose digest goes out after another UTC time of day. */
    public MailSettings withDigestAt(LocalTime at) {
        return new MailSettings(host, port, username, password, from, security, at, pollInterval, retrySchedule, lease, timeout);
    }

    /** The settings from environment variables; ConfigException naming the variable to fix. */
    public static MailSettings from(Map<String, String> env) {
        MailSettings off = off();
        Optional<String> host = value(env, "TOUCHMARK_SMTP_HOST");
        if (host.isPresent() && !host.get().matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw new ConfigException("TOUCHMARK_SMTP_HOST must be a host name or address such as smtp.example.com, not '" + host.get() + "'");
        }
        Security security = security(value(env, "TOUCHMARK_SMTP_SECURITY").orElse("starttls"));
        int port = port(value(env, "TOUCHMARK_SMTP_PORT").orElse(security == Security.TLS ? "465" : "587"));
        Optional<String> username = value(env, "TOUCHMARK_SMTP_USERNAME");
        Optional<String> password = value(env, "TOUCHMARK_SMTP_PASSWORD");
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException("TOUCHMARK_SMTP_USERNAME and TOUCHMARK_SMTP_PASSWORD are set together or not at all");
        }
        String from = value(env, "TOUCHMARK_SMTP_FROM").orElse("");
        if (!from.isEmpty() && !from.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
            throw new ConfigException("TOUCHMARK_SMTP_FROM must be an e-mail address such as alerts@tm.example.com, not '" + from + "'");
        }
        if (host.isEmpty() && (username.isPresent() || !from.isEmpty())) {
            throw new ConfigException("TOUCHMARK_SMTP_HOST must be set too: the other TOUCHMARK_SMTP_ settings need a server");
        }
        return new MailSettings(host, port, username, password, from, security,
                digestAt(value(env, "TOUCHMARK_MAIL_DIGEST_AT").orElse("07:00")), off.pollInterval, off.retrySchedule,
                off.lease, off.timeout);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Security security(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "starttls" -> Security.STARTTLS;
            case "tls" -> Security.TLS;
            case "none" -> Security.NONE;
            default -> throw new ConfigException("TOUCHMARK_SMTP_SECURITY must be starttls, tls or none, not '" + raw + "'");
        };
    }

    private static int port(String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException("TOUCHMARK_SMTP_PORT must be a number from 1 to 65535, not '" + raw + "'");
    }

    private static LocalTime digestAt(String raw) {
        if (raw.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            return LocalTime.parse(raw);
        }
        throw new ConfigException("TOUCHMARK_MAIL_DIGEST_AT must be a UTC time of day such as 07:00, not '" + raw + "'");
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host.orElse("(mail off)") + ", port=" + port + ", username=" + username.orElse("")
                + ", password=" + (password.isPresent() ? "[REDACTED]" : "") + ", from=" + from + ", security=" + security
                + ", digestAt=" + digestAt + "]";
    }
}
