package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;
import java.util.Set;

/** Client app types a policy targets, for example legacy authentication only. */
public record ClientAppTypesCondition(Set<ClientAppType> clientAppTypes) implements Condition {

    private static final ConditionResult NOT_TARGETED = ConditionResult.notMatched("the client app type is not targeted");

    public ClientAppTypesCondition {
        clientAppTypes = OrderedIds.copyOf(clientAppTypes);
    }

    public static ClientAppTypesCondition of(ClientAppType... types) {
        return new ClientAppTypesCondition(java.util.List.of(types).stream().collect(
                java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    @Override
    public String name() {
        return "clientAppTypes";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        if (clientAppTypes.contains(ClientAppType.ALL) || clientAppTypes.contains(signIn.clientAppType())) {
            return ConditionResult.MATCHED;
        }
        return NOT_TARGETED;
    }
}
