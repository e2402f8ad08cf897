package dev.touchmark.product;

import static dev.touchmark.db.jooq.Tables.PRODUCT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
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

    /** Stores a product and returns its id. */
    public long insert(long brandId, String name, String gtin, String description, String imageUrl,
                       List<String> markets, OffsetDateTime now) {
        return dsl.insertInto(PRODUCT)
                .set(PRODUCT.BRAND_ID, brandId)
                .set(PRODUCT.NAME, name)
                .set(PRODUCT.GTIN, gtin)
                .set(PRODUCT.DESCRIPTION, description)
                .set(PRODUCT.IMAGE_URL, imageUrl)
                .set(PRODUCT.MARKETS, Markets.join(markets))
                .set(PRODUCT.CREATED_AT, now)
                .returning(PRODUCT.ID).fetchOne().getId();
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
