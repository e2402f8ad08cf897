package dev.touchmark.product;

import static dev.touchmark.db.jooq.Tables.PRODUCT;
import static dev.touchmark.db.jooq.Tables.PRODUCT_GTIN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import dev.touchmark.db.InsertIfAbsent;
import dev.touchmark.error.ConflictException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** SQL for products; every query is filtered by brand. */
public final class ProductRepository {
    private static final SelectField<?>[] COLUMNS = {
        PRODUCT.ID, PRODUCT.BRAND_ID, PRODUCT.NAME, PRODUCT.GTIN, PRODUCT.DESCRIPTION, PRODUCT.IMAGE_URL,
        PRODUCT.MARKETS, PRODUCT.CREATED_AT
    };
    private final DSLContext dsl;

    public ProductRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The product of a brand that already holds a GTIN. */
    public static final class GtinTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Product holder;

        GtinTaken(Product holder) {
            super("GTIN " + holder.gtin() + " is taken", null, false, false);
            this.holder = holder;
        }

        /** The product that has the GTIN. */
        public Product holder() {
            return holder;
        }
    }

    /**
     * Stores a product and returns its id; with a GTIN, in one transaction with the brand's claim on it, so that of two
     * products given one GTIN at once exactly one is stored (the other gets {@link GtinTaken}).
     */
    public long insert(long brandId, String name, String gtin, String description, String imageUrl,
                       List<String> markets, OffsetDateTime now) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            long id = t.insertInto(PRODUCT)
                    .set(PRODUCT.BRAND_ID, brandId)
                    .set(PRODUCT.NAME, name)
                    .set(PRODUCT.GTIN, gtin)
                    .set(PRODUCT.DESCRIPTION, description)
                    .set(PRODUCT.IMAGE_URL, imageUrl)
                    .set(PRODUCT.MARKETS, Markets.join(markets))
                    .set(PRODUCT.CREATED_AT, now)
                    .returning(PRODUCT.ID).fetchOne().getId();
            if (gtin != null && !claimGtin(t, brandId, gtin, id)) {
                Product holder = t.select(COLUMNS).from(PRODUCT).join(PRODUCT_GTIN).on(PRODUCT_GTIN.PRODUCT_ID.eq(PRODUCT.ID))
                        .where(PRODUCT_GTIN.BRAND_ID.eq(brandId).and(PRODUCT_GTIN.GTIN.eq(gtin)))
                        .fetchOne(ProductRepository::toProduct);
                if (holder == null) {
                    // The product that claimed it first was rolled back after all: nothing holds it now.
                    throw new ConflictException("GTIN " + gtin + " was being given to another product at the same moment; try again");
                }
                throw new GtinTaken(holder);
            }
            return id;
        });
    }

    /** Claims a GTIN for a product; false when another product holds it. */
    private static boolean claimGtin(DSLContext t, long brandId, String gtin, long productId) {
        return InsertIfAbsent.inserted(t.insertInto(PRODUCT_GTIN).set(PRODUCT_GTIN.BRAND_ID, brandId)
                .set(PRODUCT_GTIN.GTIN, gtin).set(PRODUCT_GTIN.PRODUCT_ID, productId));
    }

    /** A product of a brand. */
    public Optional<Product> find(long brandId, long id) {
        return dsl.select(COLUMNS).from(PRODUCT).where(PRODUCT.BRAND_ID.eq(brandId).and(PRODUCT.ID.eq(id)))
                .fetchOptional(ProductRepository::toProduct);
    }

    /** A page of a brand's products, newest first. */
    public List<Product> list(long brandId, int limit, long beforeId) {
        return dsl.select(COLUMNS).from(PRODUCT)
                .where(PRODUCT.BRAND_ID.eq(brandId).and(PRODUCT.ID.lt(beforeId)))
                .orderBy(PRODUCT.ID.desc()).limit(limit).fetch(ProductRepository::toProduct);
    }

    private static Product toProduct(Record r) {
        var p = r.into(PRODUCT);
        return new Product(p.getId(), p.getBrandId(), p.getName(), p.getGtin(), p.getDescription(), p.getImageUrl(),
                Markets.split(p.getMarkets()), p.getCreatedAt());
    }
}
