package dev.portcullis.core.alert;

import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Raised when a high-risk sign-in is blocked, so the security team looks at it. Carries what they
 * need to triage (who, from where, which rules fired, which policy blocked) and nothing secret.
 */
public record HighRiskAlert(
        String id,
        Instant raisedAt,
        String signInId,
        String userId,
        String application,
        Optional<String> ipAddress,
        Optional<String> country,
        List<String> riskReasons,
        List<String> blockReasons,
        Optional<Acknowledgement> acknowledgement) {

    /** Who looked at the alert, and when. */
    public record Acknowledgement(String by, Instant at, String comment) {}

    public HighRiskAlert {
        Objects.requireNonNull(id, "id");
        riskReasons = List.copyOf(riskReasons);
        blockReasons = List.copyOf(blockReasons);
    }

    /**
     * The alert for a sign-in record, if it deserves one: blocked and scored high. A blocked sign-in
     * at lower risk is an ordinary policy outcome, not an incident.
     */
    public static Optional<HighRiskAlert> forSignIn(String alertId, Instant now, SignInRecord record) {
        if (!record.decision().equals("block") || record.signInRisk() != RiskLevel.HIGH) {
            return Optional.empty();
        }
        return Optional.of(new HighRiskAlert(alertId, now, record.id(), record.userId(), record.target(),
                record.ipAddress(), record.country(), record.riskReasons(), record.decisionDetails(), Optional.empty()));
    }

    public HighRiskAlert acknowledged(String by, Instant at, String comment) {
        return new HighRiskAlert(id, raisedAt, signInId, userId, application, ipAddress, country, riskReasons,
                blockReasons, Optional.of(new Acknowledgement(by, at, comment)));
    }
}
