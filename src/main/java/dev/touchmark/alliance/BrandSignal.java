package dev.touchmark.alliance;

import dev.touchmark.domain.Place;
import java.time.LocalDate;

/**
 * One of a brand's own shareable signals over the intelligence window: what {@link IntelItem}s are made of. Never sent
 * as it is: whether another member sees it (and under which name) is decided from the sharing settings when read.
 */
record BrandSignal(long brandId, SignalClass signalClass, String key, long count, LocalDate firstSeen,
                   LocalDate lastSeen, Place centre) {
}
