package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Objects;

/**
 * A part of an Entra policy that targets something no Keycloak sign-in is (agent identities, Global
 * Secure Access traffic, ...) or that Portcullis has no signal for. It never matches: the policy is
 * kept, and reads back as written, but it is never enforced. Never the reverse ("apply as if it
 * matched"): a block narrowed by such a condition would then block every sign-in.
 *
 * @param name the Graph path under {@code conditions}, for example {@code agents} or
 *     {@code applications.networkAccess}
 * @param graphJson the condition exactly as the policy wrote it, so it is written back unchanged
 * @param reason why it is not evaluated, said in every outcome of the policy
 */
public record UnevaluatedCondition(String name, String graphJson, String reason) implements Condition {

    public UnevaluatedCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graphJson, "graphJson");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        return ConditionResult.notMatched(reason);
    }
}
