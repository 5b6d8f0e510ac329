package dev.portcullis.adapters.keycloak.it;

import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The test realm, provisioned as the product does it, plus users with a TOTP authenticator already enrolled. */
final class RealmSetup {

    private final RealmProvisioner provisioner;
    private final DirectorySeed people;

    RealmSetup(Keycloak admin, String realm) {
        this.provisioner = new RealmProvisioner(admin, realm);
        this.people = new DirectorySeed(admin, realm);
    }

    RealmResource realm() {
        return provisioner.realm();
    }

    void createRealm() {
        provisioner.ensureRealm();
    }

    void client(String clientId, boolean passwordGrant, String redirectUri) {
        provisioner.ensureClient(clientId, clientId, passwordGrant, redirectUri);
    }

    /**
     * Twenty days of earlier sign-ins from Germany, one a day, {@code hoursAway} hours from this hour
     * of the day: the history the risk scorer compares a sign-in with, as earlier sign-ins wrote it.
     */
    void signInHistoryFromGermany(String userId, int hoursAway) {
        List<String> entries = new ArrayList<>();
        Instant now = Instant.now();
        for (int day = 20; day >= 1; day--) {
            Instant at = now.minus(Duration.ofDays(day)).plus(Duration.ofHours(hoursAway));
            entries.add(at.getEpochSecond() + "|DE||");
        }
        var user = realm().users().get(userId);
        var rep = user.toRepresentation();
        rep.setAttributes(Map.of("portcullis.signInHistory", entries, "portcullis.timeZone", List.of("UTC")));
        user.update(rep);
    }

    String group(String name) {
        return people.ensureGroup(name);
    }

    /** A user with a password and, if given, a TOTP secret already registered. */
    String user(String username, String password, byte[] totpSecret, String... groupIds) {
        String id = people.ensureUser(username, username, "Tester", password);
        if (totpSecret != null) {
            // The Admin API cannot enrol an authenticator; a partial import of the credential can.
            UserRepresentation withOtp = realm().users().get(id).toRepresentation();
            CredentialRepresentation otp = new CredentialRepresentation();
            otp.setType("otp");
            otp.setUserLabel("it authenticator");
            otp.setSecretData("{\"value\":\"" + new String(totpSecret, StandardCharsets.US_ASCII) + "\"}");
            otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
            CredentialRepresentation pw = new CredentialRepresentation();
            pw.setType(CredentialRepresentation.PASSWORD);
            pw.setValue(password);
            pw.setTemporary(false);
            withOtp.setCredentials(List.of(pw, otp));
            PartialImportRepresentation partial = new PartialImportRepresentation();
            partial.setIfResourceExists("OVERWRITE");
            partial.setUsers(List.of(withOtp));
            realm().partialImport(partial).close();
            id = realm().users().search(username, true).get(0).getId();
        }
        for (String groupId : groupIds) {
            realm().users().get(id).joinGroup(groupId);
        }
        return id;
    }
}
