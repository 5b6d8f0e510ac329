package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;

/** One configured condition of a policy. A condition a policy does not configure is absent. */
public sealed interface Condition
        permits UsersCondition, ApplicationsCondition, ClientAppTypesCondition, LocationsCondition,
                PlatformsCondition, RiskCondition, DevicesCondition, TimeCondition, AuthenticationFlowsCondition,
                ClientApplicationsCondition, InsiderRiskCondition, UnevaluatedCondition {

    /** The Graph name of the condition, used as the start of every reason. */
    String name();

    ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations);
}
