package dev.portcullis.core.risk;

import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the control plane knows about one account's risk: the events that speak to a compromise,
 * and when it was last remediated (a password change, or an administrator dismissing the risk).
 * Events up to the remediation no longer count; the assessor turns the rest into a level.
 *
 * @param remediation how it was remediated ("passwordChanged", "dismissed by ..."), empty if never
 */
public record RiskyUser(String userId, List<UserRiskEvent> events, Optional<Instant> remediatedAt, String remediation) {

    /** Events older than this are dropped when a new one is added: they can no longer fire a rule. */
    private static final int MAX_EVENTS = 100;

    public RiskyUser {
        Objects.requireNonNull(userId, "userId");
        events = List.copyOf(events);
        Objects.requireNonNull(remediatedAt, "remediatedAt");
        remediation = remediation == null ? "" : remediation;
    }

    public static RiskyUser none(String userId) {
        return new RiskyUser(userId, List.of(), Optional.empty(), "");
    }

    public RiskyUser with(UserRiskEvent event) {
        List<UserRiskEvent> more = new ArrayList<>(events);
        more.add(event);
        more.sort(Comparator.comparing(UserRiskEvent::at));
        return new RiskyUser(userId, more.subList(Math.max(0, more.size() - MAX_EVENTS), more.size()), remediatedAt,
                remediation);
    }

    /** Remediated at this instant; an earlier remediation than the one known changes nothing. */
    public RiskyUser remediated(Instant at, String how) {
        if (remediatedAt.filter(known -> !at.isAfter(known)).isPresent()) {
            return this;
        }
        return new RiskyUser(userId, events, Optional.of(at), how);
    }

    public RiskAssessment assess(UserRiskAssessor assessor, Instant now) {
        return assessor.assess(events, remediatedAt, now);
    }

    /** Graph's riskState: atRisk, confirmedCompromised, remediated or none. */
    public String riskState(UserRiskAssessor assessor, Instant now) {
        RiskAssessment assessment = assess(assessor, now);
        if (assessment.firedRules().stream().anyMatch(r -> r.rule().equals("confirmedCompromised"))) {
            return "confirmedCompromised";
        }
        if (!assessment.firedRules().isEmpty()) {
            return "atRisk";
        }
        if (remediatedAt.isPresent()) {
            return remediation.startsWith("dismissed") ? "dismissed" : "remediated";
        }
        return "none";
    }
}
