package dev.touchmark.verify;

import dev.touchmark.i18n.Lang;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates, times and country names in the page language. Times are shown in UTC, labelled as such. */
final class Formats {
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Formats() {
    }

    /** "29 Nov 2026" or "2026年11月29日". */
    static String date(LocalDate date, Lang lang) {
        return (lang == Lang.ZH ? ZH_DATE : EN_DATE).format(date);
    }

    /** "29 Nov 2026, 14:05 UTC" or "2026年11月29日 14:05 UTC". */
    static String dateTime(OffsetDateTime time, Lang lang) {
        OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
        String separator = lang == Lang.ZH ? " " : ", ";
        return date(utc.toLocalDate(), lang) + separator + TIME.format(utc) + " UTC";
    }

    /**
     * The name of a country from its ISO 3166-1 alpha-2 code, e.g. "France" or "法国" for "FR"; "an unknown
     * place" in the page language when the code is missing or not a known two-letter region.
     */
    static String country(String isoCode, Lang lang) {
        return lang.countryName(isoCode).orElseGet(() -> Messages.UNKNOWN_PLACE.in(lang));
    }
}
