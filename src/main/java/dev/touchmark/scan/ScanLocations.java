package dev.touchmark.scan;

import dev.touchmark.db.SqlFailures;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Adds a shopper's consented, approximate location (a tenth of a degree, about 10 km) to their own scan. */
public final class ScanLocations {
    /** How long after a scan its phone may still add a location. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private final ScanRepository scans;
    private final Clock clock;
    private final Listener listener;

    /** Told of each stored location, in its transaction (detection checks travel and hotspots). */
    public interface Listener {
        void located(long scanId, int latTenths, int lonTenths);
    }

    public ScanLocations(ScanRepository scans, Clock clock, Listener listener) {
        this.scans = scans;
        this.clock = clock;
        this.listener = listener;
    }

    /** Rounds and stores the location; NotFoundException unless it is this device's recent scan without one. */
    public void share(String scanId, String deviceId, Double lat, Double lon) {
        new Validator()
                .check(lat != null && lat >= -90 && lat <= 90, "lat", "must be a latitude from -90 to 90")
                .check(lon != null && lon >= -180 && lon <= 180, "lon", "must be a longitude from -180 to 180")
                .throwIfInvalid();
        long id;
        try {
            id = Long.parseLong(scanId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no scan with reference '" + scanId + "'");
        }
        int latTenths = (int) Math.round(lat * 10);
        int lonTenths = (int) Math.round(lon * 10);
        boolean stored = deviceId != null && store(id, deviceId, latTenths, lonTenths);
        if (!stored) {
            throw new NotFoundException("no recent scan " + scanId + " from this phone without a location");
        }
    }

    /** Stores the location and runs detection in one transaction, tried again if it meets another in a deadlock. */
    private boolean store(long id, String deviceId, int latTenths, int lonTenths) {
        for (int attempt = 1; ; attempt++) {
            try {
                return scans.dsl().transactionResult(() -> {
                    boolean added = scans.addLocation(id, deviceId, latTenths, lonTenths, OffsetDateTime.now(clock).minus(WINDOW));
                    if (added) {
                        listener.located(id, latTenths, lonTenths);
                    }
                    return added;
                });
            } catch (RuntimeException e) {
                if (attempt >= 3 || !SqlFailures.retryable(e)) {
                    throw e;
                }
            }
        }
    }
}
