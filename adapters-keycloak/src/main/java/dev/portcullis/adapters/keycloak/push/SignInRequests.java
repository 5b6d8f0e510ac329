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

/** The pushes a phone answers: fetching the one waiting, and the signed answer to it. */
final class SignInRequests {

    private static final Logger LOG = Logger.getLogger(SignInRequests.class);

    private final KeycloakSession session;
    private final Function<KeycloakSession, PushStore> stores;

    SignInRequests(KeycloakSession session, Function<KeycloakSession, PushStore> stores) {
        this.session = session;
        this.stores = stores;
    }

    /** The push waiting for this phone's user, held until one arrives or {@code wait} seconds pass (then 204). */
    Response pending(CompanionRequest in, int wait) {
        String userId = in.text("userId");
        String deviceId = in.text("deviceId");
        String signature = in.text("signature");
        Optional<Instant> time = in.time();
        if (!in.faults().isEmpty()) {
            return problem(400, "the request is incomplete", in.faults());
        }
        RealmModel realm = session.getContext().getRealm();
        Optional<DeviceKey> key = deviceKey(session, realm, userId, deviceId, Optional.empty());
        if (key.isEmpty() || !key.get().verifies(new Statement.Poll(userId, deviceId, time.get()).text(), signature)) {
            return problem(401, "this device is not enrolled for the account, or the signature does not verify");
        }
        Optional<Map<String, Object>> found = new HeldRequest(session.getKeycloakSessionFactory()).await(wait,
                s -> stores.apply(s).pendingFor(realm.getId(), userId, Instant.now()).map(SignInRequests::describe));
        return found.map(c -> json(200, c)).orElseGet(() -> Response.noContent().build());
    }

    /** The signed answer: approve with the number typed, deny, or deny and report. */
    Response respond(CompanionRequest in) {
        String userId = in.text("userId");
        String deviceId = in.text("deviceId");
        String challengeId = in.text("challengeId");
        String nonce = in.text("nonce");
        String signature = in.text("signature");
        String number = in.optional("number", "");
        Optional<Statement.Decision> decision = Statement.Decision.of(in.optional("decision", ""));
        if (decision.isEmpty()) {
            in.fault("decision", "expected approve, deny or report");
        }
        if (decision.orElse(null) == Statement.Decision.APPROVE && !number.matches("\\d{2}")) {
            in.fault("number", "expected the two digits shown on the sign-in page");
        }
        Optional<Instant> time = in.time();
        if (!in.faults().isEmpty()) {
            return problem(400, "the answer is incomplete", in.faults());
        }
        RealmModel realm = session.getContext().getRealm();
        PushStore store = stores.apply(session);
        Instant now = Instant.now();
        Optional<Challenge> challenge = store.challenge(challengeId, now).filter(c -> c.realmId().equals(realm.getId()));
        if (challenge.isEmpty()) {
            return problem(410, "this sign-in request has expired", List.of(fault("challengeId", "expired or unknown")));
        }
        Challenge c = challenge.get();
        Optional<DeviceKey> key = c.userId().equals(userId)
                ? deviceKey(session, realm, userId, deviceId, PhoneEnrolment.of(c).flatMap(store::enrolment)) : Optional.empty();
        Statement.Answer answer = new Statement.Answer(challengeId, nonce, number, decision.get(), time.get());
        if (key.isEmpty() || !key.get().verifies(answer.text(), signature)) {
            return problem(401, "this device may not answer this request, or the signature does not verify");
        }
        if (!c.nonce().equals(nonce)) {
            return problem(400, "the answer is for another request", List.of(fault("nonce", "does not match")));
        }
        if (c.status() != Challenge.Status.PENDING
                || !(store.answer(c, decision.get(), number, now) instanceof PushStore.Answered.Recorded recorded)) {
            return problem(409, "this sign-in request was already answered");
        }
        Challenge result = recorded.challenge();
        UserModel user = session.users().getUserById(realm, userId);
        LOG.infof("event=portcullis_push_answered realm=%s user=%s challenge=%s device=%s outcome=%s", realm.getName(),
                userId, c.id(), deviceId, result.status().wire());
        PhoneEnrolment.of(c).flatMap(store::enrolment)
                .ifPresent(e -> new PhoneEnrolment(session, stores).finish(store, realm, user, e, result));
        if (result.status() == Challenge.Status.REPORTED && user != null) {
            ReportedSignIn.report(session, realm, user, result, store, now);
        }
        return json(200, Map.of("status", result.status().wire()));
    }

    /** The key of an enrolled phone of the user, or of the phone being enrolled in {@code enrolment}. */
    private Optional<DeviceKey> deviceKey(KeycloakSession s, RealmModel realm, String userId, String deviceId,
            Optional<Enrolment> enrolment) {
        UserModel user = s.users().getUserById(realm, userId);
        if (user == null) {
            return Optional.empty();
        }
        Optional<DeviceKey> enrolled = new PushCredentialProvider(s).device(user, deviceId).flatMap(PushCredentialModel::key);
        if (enrolled.isPresent()) {
            return enrolled;
        }
        Optional<Enrolment> being = enrolment.isPresent() ? enrolment : stores.apply(s).enrolmentOfDevice(deviceId);
        return being.filter(e -> e.userId().equals(userId) && e.deviceId().filter(deviceId::equals).isPresent())
                .flatMap(Enrolment::publicKey).flatMap(DeviceKey::fromSpki);
    }

    private static Map<String, Object> describe(Challenge c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("challengeId", c.id());
        out.put("nonce", c.nonce());
        out.put("application", c.context().application());
        out.put("ipAddress", c.context().ipAddress());
        out.put("browser", c.context().browser());
        out.put("platform", c.context().platform());
        out.put("test", c.context().test());
        out.put("time", c.createdAt().toString());
        out.put("expiresAt", c.expiresAt().toString());
        c.context().country().ifPresent(country -> out.put("country", country));
        return out; // never the number: the user must read it off the sign-in page
    }
}
