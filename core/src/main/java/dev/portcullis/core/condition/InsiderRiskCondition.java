package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.InsiderRiskLevel;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Set;

/**
 * Graph's {@code insiderRiskLevels}, read from Portcullis' user risk: minor is low, moderate is
 * medium, elevated is high. An unknown user risk matches (fail secure), as for {@code userRiskLevels}.
 */
public record InsiderRiskCondition(Set<InsiderRiskLevel> levels) implements Condition {

    private static final ConditionResult NOT_TARGETED =
            ConditionResult.notMatched("the user's risk (read as insider risk) is not targeted");
    private static final ConditionResult UNKNOWN =
            ConditionResult.matchedBecauseUnknown("user risk is unknown: treated as matching (fail secure)");

    public InsiderRiskCondition {
        levels = OrderedIds.copyOf(levels);
    }

    @Override
    public String name() {
        return "insiderRiskLevels";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        RiskLevel risk = signIn.userRisk();
        if (risk == RiskLevel.UNKNOWN) {
            return UNKNOWN;
        }
        for (InsiderRiskLevel level : levels) {
            if (level.userRisk() == risk) {
                return ConditionResult.MATCHED;
            }
        }
        return NOT_TARGETED;
    }
}
