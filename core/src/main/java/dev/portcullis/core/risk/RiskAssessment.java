package dev.portcullis.core.risk;

import dev.portcullis.core.signin.RiskLevel;
import java.util.List;

/** A sign-in risk level and the rules that produced it, for the sign-in log and alerts. */
public record RiskAssessment(RiskLevel level, List<FiredRule> firedRules) {

    /** One rule that fired, with what it saw. */
    public record FiredRule(String rule, RiskLevel level, String detail) {}

    public RiskAssessment {
        firedRules = List.copyOf(firedRules);
    }
}
