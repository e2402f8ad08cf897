package dev.touchmark.domain;

/** A location rounded to tenths of a degree (about 10 km), as shoppers share it and alerts show it. */
public record Place(int latTenths, int lonTenths) {
    private static final double EARTH_RADIUS_KM = 6371.0;

    public Place {
        if (latTenths < -900 || latTenths > 900 || lonTenths < -1800 || lonTenths > 1800) {
            throw new IllegalArgumentException("not a place: " + latTenths + "," + lonTenths + " (tenths of a degree)");
        }
    }

    /** Great-circle distance to another place, in kilometres. */
    public double distanceKm(Place other) {
        double p1 = Math.toRadians(latTenths / 10.0);
        double p2 = Math.toRadians(other.latTenths / 10.0);
        double dp = p2 - p1;
        double dl = Math.toRadians((other.lonTenths - lonTenths) / 10.0);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The map cell of half a degree that holds this place, as "latCell:lonCell" (negative coordinates round down). */
    public String cell() {
        return Math.floorDiv(latTenths, 5) + ":" + Math.floorDiv(lonTenths, 5);
    }

    /** The place near the middle of a map cell named by {@link #cell()}. */
    public static Place centreOf(String cell) {
        String[] parts = cell.split(":");
        return new Place(Integer.parseInt(parts[0]) * 5 + 2, Integer.parseInt(parts[1]) * 5 + 2);
    }

    /** The place of two nullable tenths, or null unless both are given. */
    public static Place of(Integer latTenths, Integer lonTenths) {
        return latTenths == null || lonTenths == null ? null : new Place(latTenths, lonTenths);
    }
}
