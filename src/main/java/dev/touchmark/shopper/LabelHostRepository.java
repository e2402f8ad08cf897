package dev.touchmark.shopper;

import static dev.touchmark.db.jooq.Tables.LABEL_HOST_SIGHTING;
import static dev.touchmark.db.jooq.Tables.PRODUCT;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/** SQL for the hosts seen on counterfeit labels, and the look-up that attributes a GTIN to its brand. */
public final class LabelHostRepository {
    private final DSLContext dsl;

    public LabelHostRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores one sighting of a host on a label claiming to be the brand's. */
    public void insert(long brandId, String host, OffsetDateTime seenAt, String source, String ipHash) {
        dsl.insertInto(LABEL_HOST_SIGHTING)
                .set(LABEL_HOST_SIGHTING.BRAND_ID, brandId)
                .set(LABEL_HOST_SIGHTING.HOST, host)
                .set(LABEL_HOST_SIGHTING.SEEN_AT, seenAt)
                .set(LABEL_HOST_SIGHTING.SOURCE, source)
                .set(LABEL_HOST_SIGHTING.IP_HASH, ipHash)
                .execute();
    }

    /** The brands with a product of this GTIN (14 digits): at most two, enough to tell one owner from several. */
    public List<Long> brandsWithGtin(String gtin) {
        return dsl.selectDistinct(PRODUCT.BRAND_ID).from(PRODUCT).where(PRODUCT.GTIN.eq(gtin))
                .orderBy(PRODUCT.BRAND_ID).limit(2).fetch(PRODUCT.BRAND_ID);
    }
}
