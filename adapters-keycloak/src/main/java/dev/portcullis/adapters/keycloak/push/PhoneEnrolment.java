package dev.portcullis.adapters.keycloak.push;

import static dev.portcullis.adapters.keycloak.push.CompanionReply.fault;
import static dev.portcullis.adapters.keycloak.push.CompanionReply.json;
import static dev.portcullis.adapters.keycloak.push.CompanionReply.problem;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A phone joining an account: it registers its key with the one-time code from the QR code, a test
 * push follows, and approving that push makes the push credential.
 */
final class PhoneEnrolment {

    private static final Logger LOG = Logger.getLogger(PhoneEnrolment.class);

    private final KeycloakSession session;
    private final Function<KeycloakSession, PushStore> stores;

    PhoneEnrolment(KeycloakSession session, Function<KeycloakSession, PushStore> stores) {
        this.session = session;
        this.stores = stores;
    }

    /** The companion registers its key with the one-time code; the test push follows. */
    Response enrol(CompanionRequest in) {
        String token = in.text("token");
        String deviceId = in.text("deviceId");
        String deviceName = in.get("deviceName") instanceof String name && !name.isBlank() ? name : "Phone";
        Map<?, ?> jwk = in.get("publicKey") instanceof Map<?, ?> m ? m : Map.of();
        String signature = in.text("signature");
        Optional<DeviceKey> key = DeviceKey.fromJwk(CompanionRequest.string(jwk.get("x")),
                CompanionRequest.string(jwk.get("y")));
        if (key.isEmpty() || !"P-256".equals(jwk.get("crv"))) {
            in.fault("publicKey", "expected a P-256 public key as a JWK (kty EC, crv P-256, x, y)");
        }
        if (deviceId != null && !deviceId.matches("[A-Za-z0-9_-]{16,64}")) {
            in.fault("deviceId", "expected 16 to 64 characters of base64url");
        }
        if (!in.faults().isEmpty()) {
            return problem(400, "the enrolment is incomplete", in.faults());
        }
        if (!key.get().verifies(new Statement.Enrol(token, deviceId).text(), signature)) {
            return problem(401, "the signature does not match the key", List.of(fault("signature", "does not verify")));
        }
        RealmModel realm = session.getContext().getRealm();
        PushStore store = stores.apply(session);
        Optional<Enrolment> enrolment = store.redeem(token).filter(e -> e.realmId().equals(realm.getId())
                && e.state() == Enrolment.State.WAITING);
        if (enrolment.isEmpty()) {
            return problem(410, "this enrolment code is unknown, used or expired: show a new QR code",
                    List.of(fault("token", "unknown, used or expired")));
        }
        UserModel user = session.users().getUserById(realm, enrolment.get().userId());
        if (user == null) {
            return problem(410, "the account no longer exists");
        }
        PushStore.Opened opened = store.open(realm.getId(), user.getId(), "enrolment:" + enrolment.get().handle(),
                enrolment.get().context(), Instant.now());
        if (!(opened instanceof PushStore.Opened.Sent sent)) {
            return problem(429, "pushes to this account are paused for now; try again later");
        }
        store.save(enrolment.get().registered(deviceId, deviceName.length() > 64 ? deviceName.substring(0, 64) : deviceName,
                key.get().spki(), sent.challenge().id()));
        LOG.infof("event=portcullis_push_device_registered realm=%s user=%s device=%s", realm.getName(), user.getId(), deviceId);
        return json(200, Map.of("userId", user.getId(), "username", user.getUsername(), "realm", realm.getName(),
                "deviceId", deviceId));
    }

    /** What the enrolment page sees: whether the phone registered, the test push's number, the end. */
    static Map<String, Object> state(PushStore store, RealmModel realm, String handle) {
        Optional<Enrolment> e = store.enrolment(handle).filter(x -> x.realmId().equals(realm.getId()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", e.map(x -> x.state().wire()).orElse("expired"));
        e.flatMap(Enrolment::challengeId).flatMap(id -> store.challenge(id, Instant.now()))
                .filter(c -> c.status() == Challenge.Status.PENDING).ifPresent(c -> out.put("number", c.number()));
        return out;
    }

    /** The enrolment a test push belongs to, if it is one. */
    static Optional<String> of(Challenge challenge) {
        return challenge.boundTo().startsWith("enrolment:")
                ? Optional.of(challenge.boundTo().substring("enrolment:".length())) : Optional.empty();
    }

    /** The test push was answered: approved, the phone becomes the user's push credential; else the enrolment failed. */
    void finish(PushStore store, RealmModel realm, UserModel user, Enrolment enrolment, Challenge result) {
        if (result.status() != Challenge.Status.APPROVED || user == null) {
            store.save(enrolment.in(Enrolment.State.FAILED));
            return;
        }
        PushCredentialModel credential = PushCredentialModel.create(enrolment.deviceId().orElseThrow(),
                enrolment.deviceName().orElse("Phone"), enrolment.publicKey().orElseThrow());
        new PushCredentialProvider(session).createCredential(realm, user, credential);
        store.save(enrolment.in(Enrolment.State.DONE));
        LOG.infof("event=portcullis_push_credential_created realm=%s user=%s device=%s", realm.getName(), user.getId(),
                enrolment.deviceId().orElse(""));
    }
}
