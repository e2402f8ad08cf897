package dev.touchmark.verify;

/**
 * One scan as it arrives: the scanned text, and what we may know about where it came from (all optional):
 * the device cookie, a coarse country, a location rounded to tenths of a degree, the hashed IP prefix,
 * and the kind of client ("page", "api" or "scanner").
 */
public record ScanInput(String code, String deviceId, String country, Integer latTenths, Integer lonTenths,
                        String ipHash, String clientKind) {
}
