package dev.touchmark.domain;

/** A location rounded to tenths of a degree (about 10 km), as shoppers share it and alerts show it. */
public record Place(int latTenths, int lonTenths) {
    public Place {
        if (latTenths < -900 || latTenths > 900 || lonTenths < -1800 || lonTenths > 1800) {
            throw new IllegalArgumentException("not a place: " + latTenths + "," + lonTenths + " (tenths of a degree)");
        }
    }

    /** The place of two nullable tenths, or null unless both are given. */
    public static Place of(Integer latTenths, Integer lonTenths) {
        return latTenths == null || lonTenths == null ? null : new Place(latTenths, lonTenths);
    }
}
