package dev.touchmark.mail;

import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.i18n.Lang;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Staff's choice of mail: read and changed by the user it belongs to. */
public final class MailService {
    private final MailRepository mail;
    private final boolean configured;
    private final Clock clock;

    /** configured: whether the operator set up an SMTP server (without one nothing is sent). */
    public MailService(MailRepository mail, boolean configured, Clock clock) {
        this.mail = mail;
        this.configured = configured;
        this.clock = clock;
    }

    /** A user's choices, and whether the installation can send mail at all. */
    public record Notifications(boolean alerts, boolean digest, String language, boolean mailConfigured) {
    }

    /** The choices of a user of the brand. */
    public Notifications get(long brandId, long userId) {
        return view(mail.preferences(brandId, userId).orElseThrow(() -> new NotFoundException("no such user")));
    }

    /** Changes what is given (null keeps it); 400 naming the field for a language we do not write. */
    public Notifications change(long brandId, long userId, Boolean alerts, Boolean digest, String language) {
        MailPreferences now = mail.preferences(brandId, userId).orElseThrow(() -> new NotFoundException("no such user"));
        List<ValidationException.FieldError> errors = new ArrayList<>();
        Lang lang = now.language();
        if (language != null) {
            lang = Lang.fromParam(language).orElse(null);
            if (lang == null) {
                errors.add(new ValidationException.FieldError("language", "must be en or zh, not '" + clip(language) + "'"));
            }
        }
        if (alerts == null && digest == null && language == null) {
            errors.add(new ValidationException.FieldError("alerts", "give at least one of alerts, digest and language"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        MailPreferences next = new MailPreferences(alerts == null ? now.alerts() : alerts,
                digest == null ? now.digest() : digest, lang);
        OffsetDateTime turnedOn = next.digest() && !now.digest() ? OffsetDateTime.now(clock) : null;
        if (!mail.changePreferences(brandId, userId, next, turnedOn)) {
            throw new NotFoundException("no such user");
        }
        return view(next);
    }

    private Notifications view(MailPreferences p) {
        return new Notifications(p.alerts(), p.digest(), p.language().param(), configured);
    }

    private static String clip(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
