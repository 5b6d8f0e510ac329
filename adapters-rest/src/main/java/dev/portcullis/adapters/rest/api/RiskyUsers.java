package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.graphjson.GraphJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * User risk as the control plane keeps it: one document per user with the events that speak to a
 * compromise, changed read-modify-write with the document's version so concurrent ingests lose
 * nothing. What the snapshot publishes is assessed from these when it is built.
 */
final class RiskyUsers {

    private final GraphJson json;
    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;
    private static final UserRiskAssessor ASSESSOR = UserRiskAssessor.defaults();

    RiskyUsers(GraphJson json, LoadDocumentsPort load, SaveDocumentPort save) {
        this.json = json;
        this.load = load;
        this.save = save;
    }

    List<RiskyUser> all() {
        return load.loadAll(DocumentKind.RISKY_USER).stream().map(doc -> read(json, doc)).toList();
    }

    Optional<RiskyUser> find(String userId) {
        return load.load(DocumentKind.RISKY_USER, userId).map(doc -> read(json, doc));
    }

    /** Every user whose risk is above none now: what nodes enforce. */
    static Map<String, RiskAssessment> atRisk(GraphJson json, LoadDocumentsPort load, Instant now) {
        Map<String, RiskAssessment> risky = new LinkedHashMap<>();
        for (StoredDocument doc : load.loadAll(DocumentKind.RISKY_USER)) {
            RiskyUser user = read(json, doc);
            RiskAssessment assessment = user.assess(ASSESSOR, now);
            if (assessment.level() != RiskLevel.NONE) {
                risky.put(user.userId(), assessment);
            }
        }
        return risky;
    }

    ObjectNode write(RiskyUser user, Instant now) {
        return json.writeRiskyUser(user, user.assess(ASSESSOR, now), user.riskState(ASSESSOR, now));
    }

    /** What the sign-ins a node shipped say about their users: high risk counts, a password change remediates. */
    void learnFrom(List<SignInRecord> records) {
        // One read-modify-write per user in the batch, its changes applied in the order they happened.
        Map<String, List<Change>> byUser = new LinkedHashMap<>();
        for (SignInRecord record : records) {
            List<Change> changes = byUser.computeIfAbsent(record.userId(), u -> new ArrayList<>());
            if (record.signInRisk() == RiskLevel.HIGH) {
                changes.add(new Change(true, u -> u.with(new UserRiskEvent.HighRiskSignIn(record.time()))));
            }
            if (record.riskReasons().stream().anyMatch(r -> r.startsWith(UserRiskAssessor.USER_REPORTED_SUSPICIOUS_ACTIVITY + ":"))) {
                changes.add(new Change(true, u -> u.with(new UserRiskEvent.ConfirmedCompromised(record.time(),
                        "the user (denied a push for this sign-in and reported it)"))));
            }
            record.passwordChangedAt().ifPresent(at -> changes.add(new Change(false, u -> u.remediated(at, "passwordChanged"))));
        }
        byUser.forEach((userId, changes) -> {
            if (!changes.isEmpty()) {
                change(userId, changes);
            }
        });
    }

    /**
     * One change to a user's risk.
     *
     * @param create whether a user with no document gets one (a remediation of nothing creates nothing)
     */
    record Change(boolean create, UnaryOperator<RiskyUser> apply) {}

    boolean change(String userId, boolean create, UnaryOperator<RiskyUser> change) {
        return change(userId, List.of(new Change(create, change)));
    }

    /** Read-modify-write, retried when another writer got there first; whether a document was there or made. */
    boolean change(String userId, List<Change> changes) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<StoredDocument> current = load.load(DocumentKind.RISKY_USER, userId);
            Optional<RiskyUser> before = current.map(doc -> read(json, doc));
            Optional<RiskyUser> after = before;
            for (Change change : changes) {
                if (after.isPresent() || change.create()) {
                    after = Optional.of(change.apply().apply(after.orElse(RiskyUser.none(userId))));
                }
            }
            if (after.isEmpty()) {
                return false;
            }
            if (after.equals(before)) {
                return true;
            }
            String text = new String(json.bytes(write(after.get(), Instant.now())), StandardCharsets.UTF_8);
            SaveResult result = current.isEmpty()
                    ? save.create(DocumentKind.RISKY_USER, userId, userId, text)
                    : save.replace(DocumentKind.RISKY_USER, userId, current.get().version(), userId, text);
            if (result instanceof SaveResult.Saved) {
                return true;
            }
        }
        throw new IllegalStateException("risky user " + userId + " kept changing: 10 attempts lost the race");
    }

    private static RiskyUser read(GraphJson json, StoredDocument doc) {
        return json.readRiskyUser(json.parse(doc.json().getBytes(StandardCharsets.UTF_8)).orElseThrow()).orElseThrow();
    }
}
