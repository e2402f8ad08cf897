package dev.touchmark.domain;

import java.util.Locale;

/**
 * How a brand's verification pages look, as its admin set it: the name shoppers know the brand by, its logo (served at
 * logoPath, logoWidth x logoHeight pixels), an accent colour (#rrggbb) and where a shopper goes next. Every part is
 * optional; {@link #NONE} is the plain page.
 */
public record Branding(String displayName, String accentColour, String logoPath, int logoWidth, int logoHeight,
                       String supportUrl, String warrantyUrl, String registrationUrl) {
    private static final java.util.regex.Pattern COLOUR = java.util.regex.Pattern.compile("#[0-9a-f]{6}");
    private static final java.util.regex.Pattern SERVED_LOGO = java.util.regex.Pattern.compile("/logos/[0-9a-f]{64}\\.png");

    /** No branding: the page shows the brand's account name and Touchmark's colours. */
    public static final Branding NONE = new Branding(null, null, null, 0, 0, null, null, null);

    /** The address a stored logo is served at: its SHA-256 (hex), so it can be cached for good. */
    public static String logoPath(String sha256Hex) {
        return sha256Hex == null ? null : "/logos/" + sha256Hex.toLowerCase(Locale.ROOT) + ".png";
    }

    /** True when nothing is set. */
    public boolean isEmpty() {
        return displayName == null && accentColour == null && logoPath == null && supportUrl == null
                && warrantyUrl == null && registrationUrl == null;
    }

    /** The name to show for the brand: the display name when set, else the account name. */
    public String nameOr(String accountName) {
        return displayName != null ? displayName : accountName;
    }

    /**
     * The accent colour as pages and apps may use it: #rrggbb in lower case, as the dashboard stores it; null for
     * anything else (pages write it into a style sheet unescaped).
     */
    public String shownColour() {
        return accentColour != null && COLOUR.matcher(accentColour).matches() ? accentColour : null;
    }

    /** The logo's path when it is one this server serves and has a size; null otherwise. */
    public String shownLogoPath() {
        return logoPath != null && SERVED_LOGO.matcher(logoPath).matches() && logoWidth > 0 && logoHeight > 0 ? logoPath : null;
    }

    /** A link as pages and apps may put it in an href: when it follows its rule ({@link BrandLink}); null otherwise. */
    public String shownLink(BrandLink kind) {
        String url = switch (kind) {
            case SUPPORT -> supportUrl;
            case WARRANTY -> warrantyUrl;
            case REGISTRATION -> registrationUrl;
        };
        return kind.accepts(url) ? url : null;
    }

    /** Text drawn on the accent colour: white or near-black, whichever contrasts more (always at least 4.5:1). */
    public String accentText() {
        if (shownColour() == null) {
            return null;
        }
        return contrast(accentColour, LIGHT_TEXT) >= contrast(accentColour, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
    }

    static final String LIGHT_TEXT = "#ffffff";
    static final String DARK_TEXT = "#111111";

    /** The WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
