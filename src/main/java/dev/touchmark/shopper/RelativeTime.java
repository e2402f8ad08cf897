package dev.touchmark.shopper;

import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.text.RelativeDateTimeFormatter.Direction;
import com.ibm.icu.text.RelativeDateTimeFormatter.RelativeUnit;
import com.ibm.icu.util.ULocale;
import dev.touchmark.i18n.Lang;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How long ago something happened, in the page language ("3 days ago", "3天前"), from the time of the check: a
 * shopper reads it without knowing the server's time zone, and the page needs no script to show it. The wording of
 * the units is ICU's (CLDR), so it is right in every language the server writes.
 */
final class RelativeTime {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Months and years are shown rounded down: 59 days is "1 month ago", never "2 months ago" too early. */
    private static final long MONTH = 30 * DAY;
    private static final long YEAR = 365 * DAY;

    private RelativeTime() {
    }

    /** "just now", "5 minutes ago", "3 hours ago", "3 days ago", "2 months ago", "1 year ago" (or in Chinese). */
    static String ago(OffsetDateTime then, OffsetDateTime now, Lang lang) {
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < MINUTE) {
            // Also a time slightly ahead of the check (clocks of two nodes): it was a moment ago.
            return Messages.JUST_NOW.in(lang);
        }
        RelativeDateTimeFormatter format = RelativeDateTimeFormatter.getInstance(ULocale.forLocale(lang.locale()));
        if (seconds < HOUR) {
            return format.format(seconds / MINUTE, Direction.LAST, RelativeUnit.MINUTES);
        }
        if (seconds < DAY) {
            return format.format(seconds / HOUR, Direction.LAST, RelativeUnit.HOURS);
        }
        if (seconds < MONTH) {
            return format.format(seconds / DAY, Direction.LAST, RelativeUnit.DAYS);
        }
        if (seconds < YEAR) {
            return format.format(seconds / MONTH, Direction.LAST, RelativeUnit.MONTHS);
        }
        return format.format(seconds / YEAR, Direction.LAST, RelativeUnit.YEARS);
    }
}
