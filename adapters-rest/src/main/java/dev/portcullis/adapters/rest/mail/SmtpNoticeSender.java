package dev.portcullis.adapters.rest.mail;

import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.notice.Notice;
import dev.portcullis.core.port.out.NoticeDeliveryPort;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Sends a notice over SMTP with Jakarta Mail, the way Keycloak sends the realm's own mail: SMTPS when
 * the realm says {@code ssl}, a required STARTTLS when it says {@code starttls}, a login when it has
 * one. Short timeouts, so a dead server fails a run instead of holding the request. The log names the
 * server and the failure, never the password or a recipient's message.
 */
public final class SmtpNoticeSender implements NoticeDeliveryPort {

    private static final Logger LOG = Logger.getLogger(SmtpNoticeSender.class);
    private static final String TIMEOUT_MILLIS = "10000";

    private final Clock clock;

    public SmtpNoticeSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Delivery send(MailServer server, Notice notice) {
        String protocol = server.ssl() ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(server, protocol));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(server.from(), server.fromDisplayName().orElse(null),
                    StandardCharsets.UTF_8.name()));
            if (server.replyTo().isPresent()) {
                message.setReplyTo(InternetAddress.parse(server.replyTo().get(), true));
            }
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(notice.to(), true));
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setText(notice.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            try (Transport transport = session.getTransport(protocol)) {
                if (server.login().isPresent()) {
                    transport.connect(server.host(), server.port(), server.login().get().user(),
                            server.login().get().password().orElse(""));
                } else {
                    transport.connect(server.host(), server.port(), null, null);
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            return new Delivery.Sent();
        } catch (MessagingException | UnsupportedEncodingException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("event=notice_not_sent smtp=%s:%d reason=\"%s\"", server.host(), server.port(), reason);
            return new Delivery.Failed(reason);
        }
    }

    private static Properties properties(MailServer server, String protocol) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", server.host());
        properties.put(prefix + "port", String.valueOf(server.port()));
        properties.put(prefix + "auth", String.valueOf(server.login().isPresent()));
        properties.put(prefix + "from", server.from());
        properties.put(prefix + "connectiontimeout", TIMEOUT_MILLIS);
        properties.put(prefix + "timeout", TIMEOUT_MILLIS);
        properties.put(prefix + "writetimeout", TIMEOUT_MILLIS);
        if (server.starttls()) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (server.ssl() || server.starttls()) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
