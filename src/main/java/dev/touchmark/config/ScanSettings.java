package dev.touchmark.config;

import java.util.Optional;

/**
 * Settings of shopper verification: which trusted proxy headers carry the country and the client
 * address, how long scans are kept, rate limits (0 = unlimited), and the device count that makes a
 * code suspect.
 */
public record ScanSettings(Optional<String> countryHeader, Optional<String> clientIpHeader, int retentionDays,
                           int verifyPerMinute, int uploadsPerMinute, int reportsPerHour, int suspectDevices) {

    /** The documented defaults. */
    public static ScanSettings defaults() {
        return new ScanSettings(Optional.empty(), Optional.empty(), 730, 120, 10, 10, 5);
    }
}
