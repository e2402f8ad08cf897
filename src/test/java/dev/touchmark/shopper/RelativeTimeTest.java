package dev.touchmark.shopper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.touchmark.i18n.Lang;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 5, 17, 30, 0, 0, ZoneOffset.UTC);

    private static String ago(Duration before, Lang lang) {
        return RelativeTime.ago(NOW.minus(before), NOW, lang);
    }

    @Test
    void recentTimesAreJustNowAndSoIsATimeSlightlyAheadOfTheCheck() {
        assertEquals("just now", ago(Duration.ofSeconds(59), Lang.EN));
        assertEquals("刚刚", ago(Duration.ZERO, Lang.ZH));
        assertEquals("just now", RelativeTime.ago(NOW.plusSeconds(3), NOW, Lang.EN));
    }

    @Test
    void minutesHoursAndDaysAreSaidInTheShoppersLanguage() {
        assertEquals("1 minute ago", ago(Duration.ofSeconds(61), Lang.EN));
        assertEquals("59 minutes ago", ago(Duration.ofMinutes(59), Lang.EN));
        assertEquals("3 hours ago", ago(Duration.ofHours(3).plusMinutes(50), Lang.EN));
        assertEquals("3小时前", ago(Duration.ofHours(3), Lang.ZH));
        assertEquals("3 days ago", ago(Duration.ofDays(3).plusHours(5), Lang.EN));
        assertEquals("3天前", ago(Duration.ofDays(3), Lang.ZH));
    }

    @Test
    void monthsAndYearsAreRoundedDown() {
        assertEquals("29 days ago", ago(Duration.ofDays(29), Lang.EN));
        assertEquals("1 month ago", ago(Duration.ofDays(59), Lang.EN));
        assertEquals("2个月前", ago(Duration.ofDays(60), Lang.ZH));
        assertEquals("1 year ago", ago(Duration.ofDays(700), Lang.EN));
        assertEquals("2年前", ago(Duration.ofDays(800), Lang.ZH));
    }

    @Test
    void theOffsetOfEitherTimeDoesNotMatter() {
        OffsetDateTime paris = NOW.minusDays(2).withOffsetSameInstant(ZoneOffset.ofHours(1));
        assertEquals("2 days ago", RelativeTime.ago(paris, NOW.withOffsetSameInstant(ZoneOffset.ofHours(8)), Lang.EN));
    }
}
