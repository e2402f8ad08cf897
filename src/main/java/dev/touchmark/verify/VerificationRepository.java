package dev.touchmark.verify;

import static dev.touchmark.db.jooq.Tables.BATCH;
import static dev.touchmark.db.jooq.Tables.BRAND;
import static dev.touchmark.db.jooq.Tables.BRAND_BRANDING;
import static dev.touchmark.db.jooq.Tables.PRODUCT;
import static dev.touchmark.db.jooq.Tables.SIGNING_KEY;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.domain.Branding;
import java.time.LocalDate;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads what verification needs about keys and batches (cached by VerificationCatalog). */
public final class VerificationRepository implements VerificationCatalog.Source {
    private final DSLContext dsl;

    public VerificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A signing key as verification sees it. */
    public record KeyInfo(long keyId, long brandId, String kid, byte[] publicKey, boolean revoked) {
    }

    /** A batch with the product and brand facts a shopper is shown, and how the brand's pages look. */
    public record BatchInfo(long id, long brandId, long signingKeyId, long quantity, BatchStatus status, String gtin,
                            String lot, LocalDate expiry, String productName, String productDescription,
                            String productImageUrl, String brandName, java.util.Set<String> markets, Branding branding) {
        public BatchInfo {
            branding = branding == null ? Branding.NONE : branding;
        }
    }

    @Override
    public Optional<KeyInfo> key(String shortKid) {
        return dsl.select(SIGNING_KEY.ID, SIGNING_KEY.BRAND_ID, SIGNING_KEY.KID, SIGNING_KEY.PUBLIC_KEY, SIGNING_KEY.STATUS)
                .from(SIGNING_KEY).where(SIGNING_KEY.SHORT_KID.eq(shortKid))
                .fetchOptional(r -> new KeyInfo(r.value1(), r.value2(), r.value3(), r.value4(), "revoked".equals(r.value5())));
    }

    @Override
    public Optional<BatchInfo> batch(long id) {
        return dsl.select(BATCH.ID, BATCH.BRAND_ID, BATCH.SIGNING_KEY_ID, BATCH.QUANTITY, BATCH.STATUS, PRODUCT.GTIN,
                        BATCH.LOT, BATCH.EXPIRY, PRODUCT.NAME, PRODUCT.DESCRIPTION, PRODUCT.IMAGE_URL, BRAND.NAME,
                        BATCH.MARKETS, BRAND_BRANDING.DISPLAY_NAME, BRAND_BRANDING.ACCENT_COLOUR, BRAND_BRANDING.LOGO_SHA256,
                        BRAND_BRANDING.LOGO_WIDTH, BRAND_BRANDING.LOGO_HEIGHT, BRAND_BRANDING.SUPPORT_URL,
                        BRAND_BRANDING.WARRANTY_URL, BRAND_BRANDING.REGISTRATION_URL)
                .from(BATCH).join(PRODUCT).on(PRODUCT.ID.eq(BATCH.PRODUCT_ID)).join(BRAND).on(BRAND.ID.eq(BATCH.BRAND_ID))
                .leftJoin(BRAND_BRANDING).on(BRAND_BRANDING.BRAND_ID.eq(BATCH.BRAND_ID))
                .where(BATCH.ID.eq(id))
                .fetchOptional(r -> new BatchInfo(r.value1(), r.value2(), r.value3(), r.value4(), BatchStatus.of(r.value5()),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(),
                        java.util.Set.copyOf(dev.touchmark.product.Markets.split(r.value13())),
                        branding(r.value14(), r.value15(), r.value16(), r.value17(), r.value18(), r.value19(), r.value20(),
                                r.value21())));
    }

    private static Branding branding(String name, String colour, String logoSha, Integer logoWidth, Integer logoHeight,
                                     String support, String warranty, String registration) {
        Branding b = new Branding(name, colour, Branding.logoPath(logoSha), logoWidth == null ? 0 : logoWidth,
                logoHeight == null ? 0 : logoHeight, support, warranty, registration);
        return b.isEmpty() ? Branding.NONE : b;
    }
}
