package dev.touchmark.i18n;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/** The languages the server writes in: the shopper pages, and the alert sentences brands read. */
public enum Lang {
    EN("en", Locale.ENGLISH),
    /** Simplified Chinese; also served to zh-TW and zh-HK until a Traditional translation exists. */
    ZH("zh-CN", Locale.SIMPLIFIED_CHINESE);

    /** Longer headers are cut: a browser never sends one this long, and parsing stays cheap. */
    private static final int MAX_HEADER_CHARS = 1000;
    private static final int MAX_ENTRIES = 40;

    private final String tag;
    private final Locale locale;

    Lang(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** BCP 47 tag for the html lang and hreflang attributes: "en" or "zh-CN". */
    public String tag() {
        return tag;
    }

    /** The value of a ?lang= parameter that asks for this language: "en" or "zh". */
    public String param() {
        return locale.getLanguage();
    }

    /** The locale for country names and month names. */
    public Locale locale() {
        return locale;
    }

    /**
     * The name of a country in this language from its ISO 3166-1 alpha-2 code, e.g. "France" or "法国" for "FR"
     * (the JDK's locale data); empty when the code is missing or not a known two-letter region.
     */
    public Optional<String> countryName(String isoCode) {
        if (isoCode == null || !isoCode.strip().matches("[A-Za-z]{2}")) {
            return Optional.empty();
        }
        String code = isoCode.strip().toUpperCase(Locale.ROOT);
        try {
            String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(locale);
            return name.isEmpty() || name.equals(code) ? Optional.empty() : Optional.of(name);
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** The other language, for the language switch. */
    public Lang other() {
        return this == EN ? ZH : EN;
    }

    /**
     * The best language for an Accept-Language header (RFC 9110 12.5.4): the supported language with the
     * highest q-value, the earlier one on a tie; q=0 means "not this one". EN when nothing matches, and for
     * null or garbage.
     */
    public static Lang fromAcceptLanguage(String header) {
        if (header == null) {
            return EN;
        }
        String text = header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
        Lang best = EN;
        double bestQ = 0;
        String[] entries = text.split(",", MAX_ENTRIES + 1);
        for (int i = 0; i < Math.min(entries.length, MAX_ENTRIES); i++) {
            String[] parts = entries[i].split(";", -1);
            Optional<Lang> lang = forRange(parts[0].trim());
            double q = quality(parts);
            if (lang.isPresent() && q > bestQ) {
                best = lang.get();
                bestQ = q;
            }
        }
        return best;
    }

    /** The language for a ?lang= override: "en" or "zh" (also "zh-CN" and "zh-Hans", any case); empty otherwise. */
    public static Optional<Lang> fromParam(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("en")) {
            return Optional.of(EN);
        }
        if (v.equals("zh") || v.equals("zh-cn") || v.equals("zh-hans")) {
            return Optional.of(ZH);
        }
        return Optional.empty();
    }

    /** The language a language range asks for: zh and all its subtags map to ZH, en and "*" to EN. */
    private static Optional<Lang> forRange(String range) {
        String primary = range.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (primary.equals("zh")) {
            return Optional.of(ZH);
        }
        if (primary.equals("en") || primary.equals("*")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /** The q parameter of one entry: 1 when absent, 0 when malformed or out of range. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                return parseQ(p.substring(2).trim());
            }
        }
        return 1;
    }

    private static double parseQ(String value) {
        if (!value.matches("[01](\\.\\d{0,3})?")) {
            return 0;
        }
        double q = Double.parseDouble(value);
        return q <= 1 ? q : 0;
    }
}
