package dev.touchmark.config;

import java.util.Optional;

/**
 * Settings of shopper verification: which trusted proxy headers carry the country and the client
 * address, how long scans are kept, rate limits (0 = unlimited), the device count that makes a
 * code suspect, and whether, on embedded H2, every write is forced to the disk before it is answered
 * ({@code syncWrites}: survives a power cut or an operating-system crash, not only a crash of the server).
 */
public record ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                           int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices,
                           boolean syncWrites) {

    /** Settings without forced writes (the default). */
    public ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                        int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices) {
        this(countryHeader, clientIpHeader, retentionDays, verifyPerMinute, uploadsPerMinute, reportsPerHour, suspectDevices,
                false);
    }

    /** The documented defaults. */
    public static ScanSettings defaults() {
        return new ScanSettings(Optional.empty(), Optional.empty(), 730, 120, 10, 10, 5, false);
    }

    /** A copy that forces (or does not force) writes to the disk. */
    public ScanSettings withSyncWrites(boolean sync) {
        return new ScanSettings(countryHeader, clientIpHeader, retentionDays, verifyPerMinute, uploadsPerMinute, reportsPerHour,
                suspectDevices, sync);
    }
}
