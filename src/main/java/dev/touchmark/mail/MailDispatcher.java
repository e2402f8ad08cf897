package dev.touchmark.mail;

import dev.touchmark.config.MailSettings;
import dev.touchmark.jobs.Poller;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread that sends staff mail: every poll it writes the digests that are due, then sends what the
 * outbox holds, one message at a time, each claimed first so that of several nodes only one sends it. A failed send
 * is tried again on the settings' schedule, then given up; neither blocks anything else.
 */
public final class MailDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
    /** Messages sent per poll before digests are looked at again. */
    private static final int BATCH = 50;
    /** How long sent and given-up messages are kept (operators may look at them). */
    private static final Duration KEEP = Duration.ofDays(30);
    private final MailRepository mail;
    private final DigestWriter digests;
    private final SmtpMailer mailer;
    private final MailSettings settings;
    private final Clock clock;
    private final Poller poller;

    public MailDispatcher(MailRepository mail, DigestWriter digests, SmtpMailer mailer, MailSettings settings, Clock clock) {
        this.mail = mail;
        this.digests = digests;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
        // A message being sent finishes on close (or its lease runs out and another node sends it); the SMTP
        // client's own timeouts bound it.
        this.poller = new Poller("mail", this::runOnce, settings.pollInterval(), settings.timeout().multipliedBy(2), true);
    }

    /** Starts polling. */
    public MailDispatcher start() {
        poller.start();
        return this;
    }

    /** Asks for a poll now rather than at the next tick. */
    public void wakeUp() {
        poller.wakeUp();
    }

    /** One poll: due digests written, due messages sent; how many were sent. */
    public int runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int written = digests.writeDue(now);
        if (written > 0) {
            LOG.info("Queued {} daily digests", written);
        }
        int sent = 0;
        for (MailRepository.Pending message : mail.due(now, BATCH)) {
            if (poller.running() && mail.claim(message.id(), now, now.plus(settings.lease()))) {
                sent += send(message) ? 1 : 0;
            }
        }
        mail.forgetBefore(now.minus(KEEP));
        return sent;
    }

    private boolean send(MailRepository.Pending message) {
        try {
            mailer.send(message.to(), message.subject(), message.body());
            mail.sent(message.id(), OffsetDateTime.now(clock));
            return true;
        } catch (SmtpMailer.SendFailure e) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            int attempt = message.attempts();
            if (e.permanent() || attempt >= settings.retrySchedule().size()) {
                mail.failed(message.id(), now, e.getMessage());
                LOG.warn("Mail {} given up after {} attempts: {}", message.id(), attempt + 1, e.getMessage());
            } else {
                Duration wait = settings.retrySchedule().get(attempt);
                mail.retryAt(message.id(), now.plus(wait), e.getMessage());
                LOG.warn("Mail {} not sent ({}); trying again in {} s", message.id(), e.getMessage(), wait.toSeconds());
            }
            return false;
        }
    }

    /** Stops polling; a message being sent finishes (or its lease runs out and another node sends it). */
    @Override
    public void close() {
        poller.close();
    }
}
