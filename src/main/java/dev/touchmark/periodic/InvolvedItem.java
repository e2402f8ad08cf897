package dev.touchmark.periodic;

import java.util.List;

/**
 * One item of an alliance's shared intelligence that involved the brand in a period: its signal class, its key (what
 * it is about), how many other members saw it, the members that chose to be named, and how often it was seen.
 */
public record InvolvedItem(String signalClass, String key, int otherMembers, List<String> namedBrands, long count) {
    public InvolvedItem {
        namedBrands = List.copyOf(namedBrands);
    }
}
