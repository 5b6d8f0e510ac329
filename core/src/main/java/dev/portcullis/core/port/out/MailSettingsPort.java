package dev.portcullis.core.port.out;

import dev.portcullis.core.notice.MailServer;
import java.util.Optional;

/** Where the protected realm sends its e-mail from: Keycloak's realm e-mail (SMTP) settings. */
public interface MailSettingsPort {

    /**
     * @return empty when the realm has no SMTP server configured
     * @throws DirectoryUnavailableException when the realm cannot be read
     */
    Optional<MailServer> mailServer();

    /** No realm to ask: no mail server. */
    MailSettingsPort NONE = Optional::empty;
}
