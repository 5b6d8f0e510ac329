package dev.portcullis.core.registration;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import java.util.EnumSet;
import java.util.Set;

/** The methods a user has registered (Keycloak credentials), and what is missing for a strength. */
public record RegistrationState(Set<AuthenticationMethod> registered) {

    public RegistrationState {
        registered = registered.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(registered));
    }

    public static RegistrationState of(AuthenticationMethod... methods) {
        return new RegistrationState(Set.of(methods));
    }

    public static RegistrationState nothing() {
        return new RegistrationState(Set.of());
    }

    public boolean has(AuthenticationMethod method) {
        return registered.contains(method);
    }

    /** The user can meet the strength with methods already registered (a step-up is possible). */
    public boolean canSatisfy(AuthenticationStrength strength) {
        return strength.isSatisfiedBy(registered);
    }

    /**
     * Methods that, once registered, would let the user meet the strength: the options of a
     * "More information required" interrupt. Empty when the strength is already satisfiable or
     * no single registration would do.
     */
    public Set<AuthenticationMethod> registrationOptions(AuthenticationStrength strength) {
        Set<AuthenticationMethod> options = EnumSet.noneOf(AuthenticationMethod.class);
        if (canSatisfy(strength)) {
            return options;
        }
        for (MethodCombination combination : strength.allowedCombinations()) {
            Set<AuthenticationMethod> missing = EnumSet.copyOf(combination.methods());
            missing.removeAll(registered);
            if (missing.size() == 1) {
                AuthenticationMethod candidate = missing.iterator().next();
                if (candidate.offeredForRegistration()) {
                    options.add(candidate);
                }
            }
        }
        return options;
    }
}
