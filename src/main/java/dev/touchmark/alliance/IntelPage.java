package dev.touchmark.alliance;

import java.util.List;

/**
 * A page of an alliance's intelligence as one member sees it.
 *
 * @param windowDays     items are what sharing members saw in this many days up to today (UTC)
 * @param anonymityFloor anonymous items of a class are shown only once this many members share it
 * @param total          items matching the filter, on all pages
 * @param items          this page's items, each marked when the reading brand saw the same itself
 */
public record IntelPage(long allianceId, String allianceName, int windowDays, int anonymityFloor, String signalClass,
                        int page, int perPage, int total, List<Entry> items) {
    /**
     * An item as the API gives it, and whether the reading brand's own signals include it.
     *
     * @param lat the middle of the cell in degrees, for hotspots and forgery waves; null otherwise (so is lon)
     */
    public record Entry(String signalClass, String key, int members, List<String> namedMembers, long count,
                        java.time.LocalDate firstSeen, java.time.LocalDate lastSeen, Double lat, Double lon,
                        boolean seenByUs) {
        static Entry of(IntelItem item, boolean seenByUs) {
            return new Entry(item.signalClass().id(), item.key(), item.members(), item.namedBrands(), item.count(),
                    item.firstSeen(), item.lastSeen(), item.centre() == null ? null : item.centre().latTenths() / 10.0,
                    item.centre() == null ? null : item.centre().lonTenths() / 10.0, seenByUs);
        }
    }
}
