package dev.touchmark.alliance;

import dev.touchmark.domain.Place;
import java.time.LocalDate;
import java.util.List;

/**
 * One item of an alliance's shared intelligence, as a member may see it: what was seen (a map cell, a seller, a host on
 * counterfeit labels, or a wave of forged codes in a cell and week), by how many sharing members, and the names of only
 * those members that share the class with their name. Items of members sharing anonymously carry no brand at all.
 *
 * @param signalClass the class of signal
 * @param key         the item's identity within its class: a cell "latCell:lonCell" (half a degree, see
 *                    {@link Place#cell()}), a normalised seller ("shop.example/listing/7"), a host name, or for forgery
 *                    waves the cell and ISO week ("104:26@2026-W48")
 * @param members     how many sharing members saw it (anonymous and named together)
 * @param namedBrands names of the members among them that share with their name, sorted
 * @param count       what was counted, summed over those members: suspect scans (hotspots), shoppers who named the
 *                    seller (sellers), reads of the label (hosts), forged codes scanned (forgery waves)
 * @param firstSeen   first day any sharing member saw it, in the window
 * @param lastSeen    last day any sharing member saw it
 * @param centre      the middle of the cell for hotspots and forgery waves; null for sellers and hosts
 */
public record IntelItem(SignalClass signalClass, String key, int members, List<String> namedBrands, long count,
                        LocalDate firstSeen, LocalDate lastSeen, Place centre) {
    public IntelItem {
        namedBrands = List.copyOf(namedBrands);
    }
}
