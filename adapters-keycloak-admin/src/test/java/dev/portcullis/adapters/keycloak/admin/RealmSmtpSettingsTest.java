package dev.portcullis.adapters.keycloak.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.notice.MailServer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealmSmtpSettingsTest {

    private static Map<String, String> realm(String... keysAndValues) {
        Map<String, String> smtp = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            smtp.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return smtp;
    }

    @Test
    void readsTheRealmsSettingsAsKeycloakSendsWithThem() {
        assertThat(RealmSmtpSettings.read(realm("host", "smtp.example.test", "port", "587", "from", "it@example.test",
                "fromDisplayName", "IT", "starttls", "true", "auth", "true", "user", "mailer", "password", "s3cret")))
                .contains(new MailServer("smtp.example.test", 587, "it@example.test", Optional.of("IT"), Optional.empty(),
                        false, true, Optional.of(new MailServer.Login("mailer", Optional.of("s3cret")))));
        assertThat(RealmSmtpSettings.read(realm("host", "smtp.example.test", "from", "it@example.test", "ssl", "true")))
                .hasValueSatisfying(s -> assertThat(s.port()).isEqualTo(465));
    }

    @Test
    void aMaskedOrVaultPasswordIsNotKnownHereAndNeverTakenForThePassword() {
        for (String hidden : new String[] {"**********", "${vault.smtp}"}) {
            assertThat(RealmSmtpSettings.read(realm("host", "h", "port", "25", "from", "f@x", "auth", "true",
                    "user", "mailer", "password", hidden)).orElseThrow().login())
                    .contains(new MailServer.Login("mailer", Optional.empty()));
        }
    }

    @Test
    void noHostOrSenderMeansTheRealmSendsNoMail() {
        assertThat(RealmSmtpSettings.read(null)).isEmpty();
        assertThat(RealmSmtpSettings.read(realm())).isEmpty();
        assertThat(RealmSmtpSettings.read(realm("host", "smtp.example.test"))).isEmpty();
        assertThat(RealmSmtpSettings.read(realm("host", "h", "from", "f@x", "port", "twenty-five"))).isEmpty();
    }
}
