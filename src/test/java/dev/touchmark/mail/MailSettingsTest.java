package dev.touchmark.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.alert.AlertDigest;
import dev.touchmark.config.ConfigException;
import dev.touchmark.config.MailSettings;
import dev.touchmark.i18n.Lang;
import dev.touchmark.i18n.Texts;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMTP settings from the environment, the digest's day, and the words of a digest. */
class MailSettingsTest {
    @Test
    void withoutAHostMailIsOff() {
        assertFalse(MailSettings.from(Map.of()).enabled());
    }

    @Test
    void aHostWithASenderTurnsMailOnWithStartTlsOnPort587() {
        MailSettings settings = MailSettings.from(Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com",
                "TOUCHMARK_SMTP_FROM", "alerts@tm.example.com"));
        assertTrue(settings.enabled());
        assertEquals(587, settings.port());
        assertEquals(MailSettings.Security.STARTTLS, settings.security());
        assertEquals(465, MailSettings.from(Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com",
                "TOUCHMARK_SMTP_FROM", "alerts@tm.example.com", "TOUCHMARK_SMTP_SECURITY", "tls")).port());
    }

    @Test
    void badSettingsNameTheVariableToFix() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com"), "TOUCHMARK_SMTP_FROM",
                Map.of("TOUCHMARK_SMTP_FROM", "alerts@tm.example.com"), "TOUCHMARK_SMTP_HOST",
                Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com", "TOUCHMARK_SMTP_FROM", "not an address"), "TOUCHMARK_SMTP_FROM",
                Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com", "TOUCHMARK_SMTP_FROM", "a@b.c", "TOUCHMARK_SMTP_PORT", "70000"), "TOUCHMARK_SMTP_PORT",
                Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com", "TOUCHMARK_SMTP_FROM", "a@b.c", "TOUCHMARK_SMTP_SECURITY", "ssl3"), "TOUCHMARK_SMTP_SECURITY",
                Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com", "TOUCHMARK_SMTP_FROM", "a@b.c", "TOUCHMARK_SMTP_USERNAME", "me"), "TOUCHMARK_SMTP_PASSWORD",
                Map.of("TOUCHMARK_MAIL_DIGEST_AT", "7am"), "TOUCHMARK_MAIL_DIGEST_AT");
        cases.forEach((env, variable) -> {
            ConfigException e = assertThrows(ConfigException.class, () -> MailSettings.from(env), env.toString());
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        });
    }

    @Test
    void thePasswordNeverPrints() {
        MailSettings settings = MailSettings.from(Map.of("TOUCHMARK_SMTP_HOST", "smtp.example.com", "TOUCHMARK_SMTP_FROM", "a@b.c",
                "TOUCHMARK_SMTP_USERNAME", "me", "TOUCHMARK_SMTP_PASSWORD", "hunter2-secret"));
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    @Test
    void theDigestDueIsYesterdaysOnceTheTimeOfDayHasPassed() {
        DigestWriter writer = new DigestWriter(null, null, null, LocalTime.of(7, 0));
        LocalDate day = LocalDate.of(2026, 12, 5);
        assertEquals(day.minusDays(2), writer.dueDay(day.atTime(6, 59).atOffset(ZoneOffset.UTC)));
        assertEquals(day.minusDays(1), writer.dueDay(day.atTime(7, 0).atOffset(ZoneOffset.UTC)));
        // A time in another offset is read in UTC: 01:00 in Shanghai is 17:00 UTC the day before.
        assertEquals(LocalDate.of(2026, 12, 3), writer.dueDay(OffsetDateTime.of(2026, 12, 5, 1, 0, 0, 0, ZoneOffset.ofHours(8))));
    }

    @Test
    void aQuietDaysDigestSaysSoInBothLanguages() {
        MailTexts texts = new MailTexts(Texts.bundled(), "https://tm.example");
        AlertDigest quiet = new AlertDigest(List.of(), Map.of(), 3);
        MailTexts.Message en = texts.digest(quiet, "Acme", LocalDate.of(2026, 12, 4), Lang.EN);
        assertEquals("[Touchmark] Acme: 0 new alerts on 2026-12-04", en.subject());
        assertTrue(en.body().contains("No new alerts opened that day."), en.body());
        assertTrue(en.body().contains("Open now: 3."), en.body());
        MailTexts.Message zh = texts.digest(quiet, "Acme", LocalDate.of(2026, 12, 4), Lang.ZH);
        assertTrue(zh.body().contains("当天没有新增警报"), zh.body());
    }
}
