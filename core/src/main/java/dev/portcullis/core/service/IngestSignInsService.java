package dev.portcullis.core.service;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.port.in.IngestSignIns;
import dev.portcullis.core.port.out.AlertDeliveryPort;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a batch of sign-ins, records the temporary access passes they used, raises its alerts (pushed
 * to the webhook when one is configured), learns its risk.
 */
public final class IngestSignInsService implements IngestSignIns {

    private final SignInLogPort log;
    private final DocumentStore<HighRiskAlert> alerts;
    private final Optional<AlertDeliveryPort> delivery;
    private final RiskyUserRecords riskyUsers;
    private final Clock clock;
    private final TemporaryAccessPassUses passUses;

    /** @param audit where the uses of temporary access passes the records report go */
    public IngestSignInsService(SignInLogPort log, DocumentStore<HighRiskAlert> alerts,
            DocumentStore<RiskyUser> riskyUsers, DocumentStore<TemporaryAccessPass> passes, AuditLogPort audit,
            Optional<AlertDeliveryPort> delivery, Clock clock) {
        this.log = log;
        this.alerts = alerts;
        this.delivery = delivery;
        this.riskyUsers = new RiskyUserRecords(riskyUsers);
        this.clock = clock;
        this.passUses = new TemporaryAccessPassUses(passes, audit);
    }

    @Override
    public Ingested ingest(List<SignInRecord> records) {
        passUses.record(log.append(records));
        int raised = raiseAlerts(records);
        learnRisk(records);
        return new Ingested(raised);
    }

    private int raiseAlerts(List<SignInRecord> records) {
        int raised = 0;
        for (SignInRecord record : records) {
            // The alert id is the sign-in's: a node retrying a batch raises nothing twice.
            Optional<HighRiskAlert> alert = HighRiskAlert.forSignIn("alert-" + record.id(), clock.instant(), record);
            if (alert.isPresent() && alerts.create(alert.get().id(), alert.get().userId(), alert.get())
                    instanceof SaveResult.Saved) {
                raised++;
                delivery.ifPresent(d -> d.deliver(alert.get()));
            }
        }
        return raised;
    }

    /** What the sign-ins say about their users: high risk counts, a denied and reported push confirms, a password change remediates. */
    private void learnRisk(List<SignInRecord> records) {
        // One read-modify-write per user in the batch, its changes applied in the order they happened.
        Map<String, List<RiskyUserRecords.Change>> byUser = new LinkedHashMap<>();
        for (SignInRecord record : records) {
            List<RiskyUserRecords.Change> changes = byUser.computeIfAbsent(record.userId(), u -> new ArrayList<>());
            if (record.signInRisk() == RiskLevel.HIGH) {
                changes.add(new RiskyUserRecords.Change(true, u -> u.with(new UserRiskEvent.HighRiskSignIn(record.time()))));
            }
            if (record.riskReasons().stream()
                    .anyMatch(r -> r.startsWith(UserRiskAssessor.USER_REPORTED_SUSPICIOUS_ACTIVITY + ":"))) {
                changes.add(new RiskyUserRecords.Change(true, u -> u.with(new UserRiskEvent.ConfirmedCompromised(
                        record.time(), "the user (denied a push for this sign-in and reported it)"))));
            }
            record.passwordChangedAt().ifPresent(at ->
                    changes.add(new RiskyUserRecords.Change(false, u -> u.remediated(at, "passwordChanged"))));
        }
        byUser.forEach((userId, changes) -> {
            if (!changes.isEmpty()) {
                riskyUsers.change(userId, changes);
            }
        });
    }
}
