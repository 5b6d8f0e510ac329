package dev.portcullis.core.policy;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.condition.Conditions;

/** One IF-THEN rule: if every configured condition matches the sign-in, the grant controls apply. */
public record ConditionalAccessPolicy(
        String id,
        String displayName,
        PolicyState state,
        Conditions conditions,
        GrantControls grantControls,
        SessionControls sessionControls) {

    public ConditionalAccessPolicy {
        RecordComponents.requireNonNull("id displayName state conditions grantControls sessionControls",
                id, displayName, state, conditions, grantControls, sessionControls);
    }

    public ConditionalAccessPolicy withId(String newId) {
        return new ConditionalAccessPolicy(newId, displayName, state, conditions, grantControls, sessionControls);
    }

    public ConditionalAccessPolicy withState(PolicyState newState) {
        return new ConditionalAccessPolicy(id, displayName, newState, conditions, grantControls, sessionControls);
    }
}
