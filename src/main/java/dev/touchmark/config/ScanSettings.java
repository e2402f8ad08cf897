package dev.touchmark.config;

import java.util.Optional;

/**
 * Settings of shopper verification: which trusted proxy headers carry the country and the client
 * address (and, for a list such as X-Forwarded-For, how many trusted proxies append to it), how long scans are kept,
 * rate limits (0 = unlimited), the device count that makes a code suspect, and whether, on embedded H2, every write is
 * forced to the disk before it is answered ({@code syncWrites}: survives a power cut or an operating-system crash, not
 * only a crash of the server).
 */
public record ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                           int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices,
                           boolean syncWrites, int trustedProxyHops) {

    /** Settings with one trusted proxy. */
    public ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                        int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices,
                        boolean syncWrites) {
        this(countryHeader, clientIpHeader, retentionDays, verifyPerMinute, uploadsPerMinute, reportsPerHour, suspectDevices,
                syncWrites, 1);
    }

    /** Settings without forced writes (the default) and with one trusted proxy. */
    public ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                        int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices) {
        this(countryHeader, clientIpHeader, retentionDays, verifyPerMinute, uploadsPerMinute, reportsPerHour, suspectDevices,
                false);
    }

    /** The documented defaults. */
    public static ScanSettings defaults() {
        return new ScanSettings(Optional.empty(), Optional.empty(), 730, 120, 10, 10, 5, false, 1);
    }

    /** A copy that forces (or does not force) writes to the disk. */
    public ScanSettings withSyncWrites(boolean sync) {
        return new ScanSettings(countryHeader, clientIpHeader, retentionDays, verifyPerMinute, uploadsPerMinute, reportsPerHour,
                suspectDevices, sync, trustedProxyHops);
    }

    /** A copy that reads the client address from this header, hops entries from the right. */
    public ScanSettings withClientIpHeader(String header, int hops) {
        return new ScanSettings(countryHeader, Optional.of(header), retentionDays, verifyPerMinute, uploadsPerMinute,
                reportsPerHour, suspectDevices, syncWrites, hops);
    }
}
