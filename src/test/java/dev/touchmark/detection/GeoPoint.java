package dev.touchmark.detection;

import java.util.Random;

/** A location a shopper's phone shares, in degrees. */
public record GeoPoint(double lat, double lon) {
    /** A point up to radiusKm from this one (a phone's position varies a little between scans). */
    GeoPoint jitter(Random random, double radiusKm) {
        return new Place("", "", lat, lon).near(random, radiusKm);
    }

    /** The half-degree map cell the server files this point under, as its alert subjects name it ("cell:lat:lon"). */
    public String cell() {
        return Math.floorDiv((int) Math.round(lat * 10), 5) + ":" + Math.floorDiv((int) Math.round(lon * 10), 5);
    }
}
