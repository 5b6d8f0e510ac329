package dev.portcullis.adapters.rest.wiring;

import dev.portcullis.adapters.rest.mail.SmtpNoticeSender;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.MailSettingsPort;
import dev.portcullis.core.port.out.NoticeDeliveryPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.service.NotifyAffectedUsersService;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Notices to a report-only policy's pilot group: the realm's mail server comes from the directory
 * (Keycloak's realm e-mail settings) when it can say; Keycloak's Admin API masks the SMTP password,
 * so a server that needs a login takes it from {@code portcullis.notices.smtp-password}. The link in
 * the notice is {@code portcullis.notices.account-console-url}, by default the account console of
 * {@code portcullis.directory.keycloak-url} and {@code .realm}.
 */
@ApplicationScoped
public class NoticeServices {

    @Produces
    @Singleton
    @DefaultBean
    NoticeDeliveryPort noticeDelivery(Clock clock) {
        return new SmtpNoticeSender(clock);
    }

    /** The directory's mail settings, when it has them; a test's directory is its own mail settings instead. */
    @Produces
    @Singleton
    @DefaultBean
    MailSettingsPort mailSettings(DirectoryPort directory,
            @ConfigProperty(name = "portcullis.notices.smtp-password") Optional<String> password) {
        if (!(directory instanceof MailSettingsPort realm)) {
            return MailSettingsPort.NONE;
        }
        return () -> realm.mailServer().map(server -> server.withFallbackPassword(password));
    }

    @Produces
    @Singleton
    NotifyAffectedUsers notifyAffectedUsers(DocumentStores stores, SignInLogPort signIns,
            DirectoryPort directory, MailSettingsPort mail, NoticeDeliveryPort delivery, AuditLogPort audit, Clock clock,
            @ConfigProperty(name = "portcullis.notices.account-console-url") Optional<String> accountConsole,
            @ConfigProperty(name = "portcullis.directory.keycloak-url") Optional<String> keycloakUrl,
            @ConfigProperty(name = "portcullis.directory.realm", defaultValue = "demo") String realm) {
        // Set but empty counts as unset: the demo's Keycloak on this machine.
        String keycloak = keycloakUrl.orElse("http://localhost:8080").replaceAll("/+$", "");
        URI console = URI.create(accountConsole.orElse(keycloak + "/realms/" + realm + "/account"));
        return new NotifyAffectedUsersService(new NotifyAffectedUsersService.Ports(stores.policies(), signIns,
                directory, mail, delivery, audit, clock), console);
    }
}
