package dev.touchmark.periodic;

import java.time.LocalDate;
import java.util.List;

/** The alliance's items that involved a brand in a period; supplied by the alliance feature. */
@FunctionalInterface
public interface AllianceInvolvement {
    /** Items that involved the brand from a day (inclusive) to another (exclusive), most seen first. */
    List<InvolvedItem> itemsInvolving(long brandId, LocalDate from, LocalDate toExclusive);
}
