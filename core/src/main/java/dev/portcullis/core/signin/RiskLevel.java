package dev.portcullis.core.signin;

import dev.portcullis.core.policy.GraphNamed;

/**
 * Sign-in or user risk. {@code UNKNOWN} means no risk source answered; it is never read as low:
 * a configured risk condition matches an unknown risk (fail secure).
 */
public enum RiskLevel implements GraphNamed {
    NONE("none"),
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    UNKNOWN("unknownFutureValue");

    private final String graphName;

    RiskLevel(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }
}
