package dev.touchmark.domain;

import java.time.OffsetDateTime;

/** A scan that came with a shared location: its id, time and place (in tenths of a degree, about 10 km). */
public record LocatedScan(long scanId, OffsetDateTime at, int latTenths, int lonTenths) {

    /** Its place. */
    public Place place() {
        return new Place(latTenths, lonTenths);
    }
}
