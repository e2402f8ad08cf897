package dev.touchmark.brand;

import dev.touchmark.db.Upsert;
import static dev.touchmark.db.jooq.Tables.BRAND_BRANDING;

import dev.touchmark.domain.Branding;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** SQL for a brand's page settings and its logo. */
public final class BrandingRepository {
    private final DSLContext dsl;

    public BrandingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What is stored for a brand, with who changed it last; empty before the first save. */
    public record Stored(Branding branding, OffsetDateTime updatedAt, String updatedBy) {
    }

    /** The brand's branding without the logo's bytes. */
    public Optional<Stored> find(long brandId) {
        return dsl.select(BRAND_BRANDING.DISPLAY_NAME, BRAND_BRANDING.ACCENT_COLOUR, BRAND_BRANDING.LOGO_SHA256,
                        BRAND_BRANDING.LOGO_WIDTH, BRAND_BRANDING.LOGO_HEIGHT, BRAND_BRANDING.SUPPORT_URL,
                        BRAND_BRANDING.WARRANTY_URL, BRAND_BRANDING.REGISTRATION_URL, BRAND_BRANDING.UPDATED_AT,
                        BRAND_BRANDING.UPDATED_BY)
                .from(BRAND_BRANDING).where(BRAND_BRANDING.BRAND_ID.eq(brandId))
                .fetchOptional(r -> new Stored(branding(r), r.get(BRAND_BRANDING.UPDATED_AT), r.get(BRAND_BRANDING.UPDATED_BY)));
    }

    /** Branding from a row that selected the branding columns (null columns: a brand that never saved any). */
    public static Branding branding(Record r) {
        Integer width = r.get(BRAND_BRANDING.LOGO_WIDTH);
        Integer height = r.get(BRAND_BRANDING.LOGO_HEIGHT);
        Branding b = new Branding(r.get(BRAND_BRANDING.DISPLAY_NAME), r.get(BRAND_BRANDING.ACCENT_COLOUR),
                Branding.logoPath(r.get(BRAND_BRANDING.LOGO_SHA256)), width == null ? 0 : width, height == null ? 0 : height,
                r.get(BRAND_BRANDING.SUPPORT_URL), r.get(BRAND_BRANDING.WARRANTY_URL), r.get(BRAND_BRANDING.REGISTRATION_URL));
        return b.isEmpty() ? Branding.NONE : b;
    }

    /** Saves the texts, colour and links; the logo stays. */
    public void saveTexts(long brandId, Branding b, OffsetDateTime now, String actor) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(BRAND_BRANDING.DISPLAY_NAME, b.displayName());
        values.put(BRAND_BRANDING.ACCENT_COLOUR, b.accentColour());
        values.put(BRAND_BRANDING.SUPPORT_URL, b.supportUrl());
        values.put(BRAND_BRANDING.WARRANTY_URL, b.warrantyUrl());
        values.put(BRAND_BRANDING.REGISTRATION_URL, b.registrationUrl());
        save(brandId, values, now, actor);
    }

    /** Sets the logo (null: removes it); the texts stay. */
    public void saveLogo(long brandId, LogoImage logo, String sha256, OffsetDateTime now, String actor) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(BRAND_BRANDING.LOGO_PNG, logo == null ? null : logo.png());
        values.put(BRAND_BRANDING.LOGO_SHA256, sha256);
        values.put(BRAND_BRANDING.LOGO_WIDTH, logo == null ? null : logo.width());
        values.put(BRAND_BRANDING.LOGO_HEIGHT, logo == null ? null : logo.height());
        save(brandId, values, now, actor);
    }

    /** Inserts the brand's row or updates it (see {@link Upsert}), with who changed it and when. */
    private void save(long brandId, Map<Field<?>, Object> values, OffsetDateTime now, String actor) {
        values.put(BRAND_BRANDING.UPDATED_AT, now);
        values.put(BRAND_BRANDING.UPDATED_BY, actor);
        Upsert.save(dsl, BRAND_BRANDING, BRAND_BRANDING.BRAND_ID, brandId, values);
    }

    /** The PNG stored under a SHA-256 (any brand's: the hash is the address, and logos are public). */
    public Optional<byte[]> logo(String sha256) {
        return dsl.select(BRAND_BRANDING.LOGO_PNG).from(BRAND_BRANDING).where(BRAND_BRANDING.LOGO_SHA256.eq(sha256))
                .limit(1).fetchOptional(BRAND_BRANDING.LOGO_PNG);
    }
}
