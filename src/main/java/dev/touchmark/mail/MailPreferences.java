package dev.touchmark.mail;

import dev.touchmark.i18n.Lang;

/** What mail one staff member wants: immediate mail for high and critical alerts, a daily digest, and in which language. */
public record MailPreferences(boolean alerts, boolean digest, Lang language) {
    /** What a user gets before choosing: nothing. */
    public static final MailPreferences NONE = new MailPreferences(false, false, Lang.EN);
}
