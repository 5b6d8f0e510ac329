package dev.portcullis.core.notice;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server a realm sends its e-mail through (Keycloak's realm e-mail settings), so notices
 * reach users from the same sender as Keycloak's own mails.
 *
 * @param from the envelope and header sender, as the realm configures it
 * @param ssl SMTP over TLS from the first byte (SMTPS)
 * @param starttls upgrade a plain connection with STARTTLS, and refuse to go on without it
 * @param login empty when the server takes mail without authentication
 */
public record MailServer(String host, int port, String from, Optional<String> fromDisplayName,
        Optional<String> replyTo, boolean ssl, boolean starttls, Optional<Login> login) {

    public MailServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        if (host.isBlank() || from.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a mail server needs a host, a port 1..65535 and a sender");
        }
        fromDisplayName = fromDisplayName.filter(n -> !n.isBlank());
        replyTo = replyTo.filter(r -> !r.isBlank());
    }

    /** The same server with a password from elsewhere, where the realm's is not known here. */
    public MailServer withFallbackPassword(Optional<String> password) {
        return new MailServer(host, port, from, fromDisplayName, replyTo, ssl, starttls,
                login.map(l -> l.orPassword(password)));
    }

    /**
     * The account the server wants; the password stays out of {@link #toString()} so no log line can carry it.
     *
     * @param password empty when it is not known here (Keycloak's Admin API does not reveal it)
     */
    public record Login(String user, Optional<String> password) {
        public Login {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** The same account with a password, when it was not known. */
        public Login orPassword(Optional<String> fallback) {
            return password.isPresent() ? this : new Login(user, fallback);
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=" + (password.isPresent() ? "(set)" : "(unknown)") + "]";
        }
    }
}
