package dev.touchmark.mail;

import dev.touchmark.config.MailSettings;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Sends plain-text UTF-8 mail through the configured SMTP server, one connection per message. */
public final class SmtpMailer {
    private final MailSettings settings;
    private final Session session;
    private final Clock clock;

    public SmtpMailer(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings), settings.username().isPresent() ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username().orElseThrow(), settings.password().orElseThrow());
            }
        } : null);
    }

    /** Why a message was not sent: for good (the address is refused) or for now (the server is away). */
    public static final class SendFailure extends Exception {
        private final boolean permanent;

        SendFailure(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        /** True when trying again cannot help. */
        public boolean permanent() {
            return permanent;
        }
    }

    /** Sends one message; SendFailure saying whether to try again. */
    public void send(String to, String subject, String body) throws SendFailure {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
        } catch (AddressException e) {
            throw new SendFailure("the address " + to + " is not valid: " + e.getMessage(), true, e);
        } catch (SendFailedException e) {
            boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            throw new SendFailure("the server did not take the message: " + e.getMessage(), refused, e);
        } catch (MessagingException e) {
            throw new SendFailure("the SMTP server " + settings.host().orElse("") + ":" + settings.port()
                    + " could not be reached or refused the message: " + e.getMessage(), false, e);
        }
    }

    private static Properties properties(MailSettings settings) {
        Properties p = new Properties();
        String protocol = settings.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", settings.host().orElse("localhost"));
        p.put(prefix + "port", Integer.toString(settings.port()));
        p.put(prefix + "auth", Boolean.toString(settings.username().isPresent()));
        String timeout = Long.toString(settings.timeout().toMillis());
        p.put(prefix + "connectiontimeout", timeout);
        p.put(prefix + "timeout", timeout);
        p.put(prefix + "writetimeout", timeout);
        if (settings.security() == MailSettings.Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (settings.security() != MailSettings.Security.NONE) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        return p;
    }
}
