package dev.touchmark.alert;

import dev.touchmark.access.Principal;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.ValidationException;
import dev.touchmark.i18n.Lang;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/** Reading and triaging a brand's alerts. */
public final class AlertService {
    private final AlertRepository alerts;
    private final DSLContext dsl;
    private final AlertNotifier notifier;
    private final Clock clock;

    public AlertService(AlertRepository alerts, DSLContext dsl, AlertNotifier notifier, Clock clock) {
        this.alerts = alerts;
        this.dsl = dsl;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * Raises (or adds to) the brand's alert for an item other alliance members saw too, in the caller's transaction;
     * announced like every new alert.
     */
    public void allianceMatched(AllianceMatch match) {
        Hit hit = new Hit(match.brandId(), Rule.ALLIANCE_MATCH, match.subject(), Rule.ALLIANCE_MATCH.severity(),
                AlertTexts.allianceMatch(match), null, null, null, match.centre(), OffsetDateTime.now(clock), null,
                AlertTexts.allianceNote(match));
        alerts.raise(List.of(hit)).forEach(notifier::created);
    }

    /** A page of the brand's alerts. */
    public List<Alert> list(long brandId, AlertFilter filter, int limit, Long before) {
        return alerts.list(brandId, filter, limit, before);
    }

    /** The brand's alerts that opened in [from, to), for a digest (at most limit listed). */
    public AlertDigest digest(long brandId, java.time.OffsetDateTime from, java.time.OffsetDateTime to, int limit) {
        return alerts.digest(brandId, from, to, limit);
    }

    /** One alert of the brand with its evidence and history, its sentences in a language. */
    public AlertView detail(long brandId, long id, Lang lang) {
        Alert alert = alerts.find(brandId, id).orElseThrow(() -> notFound(id));
        return AlertView.of(alert, lang, alerts.evidence(id, AlertRepository.MAX_EVIDENCE, lang), alerts.history(id));
    }

    /**
     * Moves an alert of the brand to a status, with an optional comment (required to re-open); answers the alert
     * after the change, its sentences in a language.
     */
    public AlertView changeStatus(Principal principal, long id, String status, String comment, Lang lang) {
        AlertStatus to = AlertStatus.of(status == null ? "" : status).orElseThrow(() -> ValidationException.of("status",
                "must be one of open, acknowledged, resolved, false_positive"));
        if (comment != null && comment.length() > 2000) {
            throw ValidationException.of("comment", "must be at most 2000 characters");
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        dsl.transaction(() -> {
            Alert alert = alerts.find(principal.brandId(), id).orElseThrow(() -> notFound(id));
            alert.status().refusal(to, note).ifPresent(reason -> {
                throw new ConflictException(reason);
            });
            if (to == AlertStatus.OPEN && alerts.otherOpen(alert)) {
                throw new ConflictException("a newer alert for the same " + alert.rule().id().replace('_', ' ')
                        + " is already open; work on that one instead");
            }
            alerts.changeStatus(alert, to, principal.actor(), note, OffsetDateTime.now(clock));
            notifier.updated(alerts.find(id).orElseThrow());
        });
        return detail(principal.brandId(), id, lang);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no alert " + id + " for this brand");
    }
}
