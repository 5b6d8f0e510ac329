package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.TransferMethod;
import java.util.Map;
import java.util.Set;

/**
 * Graph's {@code authenticationFlows}: the policy applies only to sign-ins that use one of these
 * transfer methods, for example only to device code flow approvals. A sign-in always knows its own
 * method, so this narrows exactly as written: it never matches a sign-in it does not name.
 */
public record AuthenticationFlowsCondition(Set<TransferMethod> transferMethods) implements Condition {

    private static final ConditionResult NOT_TARGETED =
            ConditionResult.notMatched("the sign-in's transfer method is not targeted");

    public AuthenticationFlowsCondition {
        transferMethods = OrderedIds.copyOf(transferMethods);
    }

    public static AuthenticationFlowsCondition of(TransferMethod... methods) {
        return new AuthenticationFlowsCondition(new java.util.LinkedHashSet<>(java.util.List.of(methods)));
    }

    @Override
    public String name() {
        return "authenticationFlows";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        return transferMethods.contains(signIn.transferMethod()) ? ConditionResult.MATCHED : NOT_TARGETED;
    }
}
