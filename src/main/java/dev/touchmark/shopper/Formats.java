package dev.touchmark.shopper;

import dev.touchmark.i18n.Lang;
import dev.touchmark.i18n.Texts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Dates and country names in the page language; times are said relative to the check (RelativeTime). */
final class Formats {
    /** "29 Nov 2026" or "2026年11月29日"; the patterns are in the bundles, the formatters immutable. */
    private static final Map<Lang, DateTimeFormatter> DATES = formatters("verify.format.date");

    private Formats() {
    }

    /** "29 Nov 2026" or "2026年11月29日". */
    static String date(LocalDate date, Lang lang) {
        return DATES.get(lang).format(date);
    }

    /**
     * The name of a country from its ISO 3166-1 alpha-2 code, e.g. "France" or "法国" for "FR"; "an unknown
     * place" in the page language when the code is missing or not a known two-letter region.
     */
    static String country(String isoCode, Lang lang) {
        return lang.countryName(isoCode).orElseGet(() -> Messages.UNKNOWN_PLACE.in(lang));
    }

    private static Map<Lang, DateTimeFormatter> formatters(String key) {
        Map<Lang, DateTimeFormatter> formatters = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            formatters.put(lang, DateTimeFormatter.ofPattern(Texts.bundled().text(lang, key), lang.locale()));
        }
        return Collections.unmodifiableMap(formatters);
    }
}
