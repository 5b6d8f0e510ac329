package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Set;

/** Sign-in risk or user risk levels. An unknown risk matches (fail secure), and says so. */
public record RiskCondition(Kind kind, Set<RiskLevel> levels) implements Condition {

    public enum Kind {
        SIGN_IN("signInRiskLevels"),
        USER("userRiskLevels");

        private final String graphName;

        Kind(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    private static final ConditionResult NOT_TARGETED = ConditionResult.notMatched("the risk level is not targeted");
    private static final ConditionResult UNKNOWN =
            ConditionResult.matchedBecauseUnknown("risk is unknown: treated as matching (fail secure)");

    public RiskCondition {
        levels = OrderedIds.copyOf(levels);
    }

    @Override
    public String name() {
        return kind.graphName();
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        RiskLevel level = kind == Kind.SIGN_IN ? signIn.signInRisk() : signIn.userRisk();
        if (level == RiskLevel.UNKNOWN) {
            return UNKNOWN;
        }
        if (levels.contains(level)) {
            return ConditionResult.MATCHED;
        }
        return NOT_TARGETED;
    }
}
