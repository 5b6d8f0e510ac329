package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.core.notice.MailServer;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak's realm e-mail settings ({@code RealmRepresentation.smtpServer}, the keys of Realm
 * settings &gt; Email) read as a {@link MailServer}. The Admin API masks the password
 * ({@code **********}) and a vault reference ({@code ${vault.key}}) is resolved only inside Keycloak:
 * either way the password is not known here, and the login says so instead of carrying the mask.
 */
final class RealmSmtpSettings {

    private static final String MASK = "**********";

    private RealmSmtpSettings() {}

    /** @return empty when the realm sends no e-mail (no host or no sender configured) */
    static Optional<MailServer> read(Map<String, String> smtp) {
        if (smtp == null || blank(smtp.get("host")) || blank(smtp.get("from"))) {
            return Optional.empty();
        }
        boolean ssl = yes(smtp.get("ssl"));
        int port;
        try {
            port = blank(smtp.get("port")) ? (ssl ? 465 : 25) : Integer.parseInt(smtp.get("port").trim());
        } catch (NumberFormatException e) {
            return Optional.empty(); // Keycloak itself could not send with it either
        }
        Optional<MailServer.Login> login = Optional.empty();
        if (yes(smtp.get("auth"))) {
            String password = smtp.get("password");
            boolean known = !blank(password) && !MASK.equals(password) && !password.startsWith("${vault.")
                    && (blank(smtp.get("authType")) || "basic".equalsIgnoreCase(smtp.get("authType")));
            login = Optional.of(new MailServer.Login(Optional.ofNullable(smtp.get("user")).orElse(""),
                    known ? Optional.of(password) : Optional.empty()));
        }
        return Optional.of(new MailServer(smtp.get("host").trim(), port, smtp.get("from").trim(),
                Optional.ofNullable(smtp.get("fromDisplayName")), Optional.ofNullable(smtp.get("replyTo")), ssl,
                yes(smtp.get("starttls")), login));
    }

    private static boolean yes(String value) {
        return "true".equalsIgnoreCase(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
