package dev.touchmark.verify;

import dev.touchmark.domain.ScanRole;
import dev.touchmark.domain.Shopper;

/**
 * One scan as it arrives: the scanned text, what we may know about who scanned it, and the brand whose dashboard the
 * scanner is signed in to (null if none): a scan of that brand's own code is a staff check, which does not count.
 */
public record ScanInput(String code, Shopper shopper, Long staffOfBrand) {

    /** A scan by someone not signed in to any brand's dashboard. */
    public ScanInput(String code, Shopper shopper) {
        this(code, shopper, null);
    }

    /** Who made the scan of a code of this brand: a staff check when signed in to this brand, else as it came. */
    Shopper shopperOf(long brandId) {
        return staffOfBrand != null && staffOfBrand == brandId ? shopper.as(ScanRole.STAFF) : shopper;
    }
}
