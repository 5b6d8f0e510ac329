package dev.portcullis.core.signin;

import dev.portcullis.core.policy.GraphNamed;

/**
 * Graph's insider risk levels (Purview Adaptive Protection). Portcullis has one user-risk source, so
 * each insider level is read as the user risk level of the same rank.
 */
public enum InsiderRiskLevel implements GraphNamed {
    MINOR("minor", RiskLevel.LOW),
    MODERATE("moderate", RiskLevel.MEDIUM),
    ELEVATED("elevated", RiskLevel.HIGH);

    private final String graphName;
    private final RiskLevel userRisk;

    InsiderRiskLevel(String graphName, RiskLevel userRisk) {
        this.graphName = graphName;
        this.userRisk = userRisk;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    /** The user risk level this insider risk level is read as. */
    public RiskLevel userRisk() {
        return userRisk;
    }
}
