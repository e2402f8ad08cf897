package dev.touchmark.brand;

import dev.touchmark.access.Principal;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.domain.BrandLink;
import dev.touchmark.domain.Branding;
import dev.touchmark.error.Validator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * A brand's verification pages: the name, logo, colour and links its admin sets. Verification reads them with the
 * batch (cached), so every change bumps the change counter in its transaction: every node shows the new page within a
 * second, this one at once.
 */
public final class BrandingService {
    static final int MAX_NAME = 120;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private final DSLContext dsl;
    private final BrandingRepository repository;
    private final ChangeWatcher changes;
    private final Clock clock;

    public BrandingService(DSLContext dsl, BrandingRepository repository, ChangeWatcher changes, Clock clock) {
        this.dsl = dsl;
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
    }

    /** What the dashboard shows and edits; updatedAt and updatedBy are null before the first save. */
    public record Settings(String displayName, String accentColour, String logoUrl, Integer logoWidth, Integer logoHeight,
                           String supportUrl, String warrantyUrl, String registrationUrl, String accentText,
                           OffsetDateTime updatedAt, String updatedBy) {
        static Settings of(Optional<BrandingRepository.Stored> stored) {
            Branding b = stored.map(BrandingRepository.Stored::branding).orElse(Branding.NONE);
            return new Settings(b.displayName(), b.accentColour(), b.logoPath(), b.logoPath() == null ? null : b.logoWidth(),
                    b.logoPath() == null ? null : b.logoHeight(), b.supportUrl(), b.warrantyUrl(), b.registrationUrl(),
                    b.accentText(),
                    stored.map(BrandingRepository.Stored::updatedAt).orElse(null),
                    stored.map(BrandingRepository.Stored::updatedBy).orElse(null));
        }
    }

    /** Body of PUT /api/v1/brand/branding: every field optional; blank or null clears it. */
    public record Change(String displayName, String accentColour, String supportUrl, String warrantyUrl,
                         String registrationUrl) {
    }

    /** The brand's settings. */
    public Settings get(long brandId) {
        return Settings.of(repository.find(brandId));
    }

    /** Replaces the name, colour and links (the logo stays); ValidationException lists every field to fix. */
    public Settings change(Principal principal, Change change) {
        String name = clean(change.displayName());
        String colour = clean(change.accentColour());
        String support = clean(change.supportUrl());
        String warranty = clean(change.warrantyUrl());
        String registration = clean(change.registrationUrl());
        Validator v = new Validator()
                .check(name == null || name.length() <= MAX_NAME, "displayName", "must be at most " + MAX_NAME + " characters")
                .check(name == null || name.codePoints().noneMatch(Character::isISOControl), "displayName",
                        "must be one line of text without control characters")
                .check(colour == null || COLOUR.matcher(colour).matches(), "accentColour",
                        "must be a colour like #0a58ca (a # and six hexadecimal digits)");
        checkLink(v, "supportUrl", BrandLink.SUPPORT, support);
        checkLink(v, "warrantyUrl", BrandLink.WARRANTY, warranty);
        checkLink(v, "registrationUrl", BrandLink.REGISTRATION, registration);
        v.throwIfInvalid();
        Branding b = new Branding(name, colour == null ? null : colour.toLowerCase(Locale.ROOT), null, 0, 0, support,
                warranty, registration);
        dsl.transaction(() -> {
            repository.saveTexts(principal.brandId(), b, OffsetDateTime.now(clock), principal.actor());
            changes.bump();
        });
        changes.catchUp();
        return get(principal.brandId());
    }

    /** Sets the logo from an uploaded image (re-encoded, see {@link LogoImage}). */
    public Settings changeLogo(Principal principal, byte[] upload) {
        LogoImage logo = LogoImage.of(upload);
        String sha = sha256(logo.png());
        dsl.transaction(() -> {
            repository.saveLogo(principal.brandId(), logo, sha, OffsetDateTime.now(clock), principal.actor());
            changes.bump();
        });
        changes.catchUp();
        return get(principal.brandId());
    }

    /** Removes the logo. */
    public Settings removeLogo(Principal principal) {
        dsl.transaction(() -> {
            repository.saveLogo(principal.brandId(), null, null, OffsetDateTime.now(clock), principal.actor());
            changes.bump();
        });
        changes.catchUp();
        return get(principal.brandId());
    }

    /** A logo's PNG by the hex SHA-256 in its address; empty for a malformed or unknown one. */
    public Optional<byte[]> logo(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return repository.logo(sha256);
    }

    private static void checkLink(Validator v, String field, BrandLink link, String url) {
        if (url != null) {
            link.problem(url).ifPresent(problem -> v.fail(field, problem));
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
