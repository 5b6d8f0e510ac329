package dev.portcullis.core.registration;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import java.util.EnumSet;
import java.util.Set;

/**
 * The methods a user has registered (Keycloak credentials), and what is missing for a strength.
 *
 * @param temporaryAccessPass the user holds a temporary access pass usable now, which an administrator
 *     or the service desk issued: it counts only towards registering a method (see the registration gate)
 */
public record RegistrationState(Set<AuthenticationMethod> registered, boolean temporaryAccessPass) {

    public RegistrationState {
        registered = registered.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(registered));
    }

    /** Without a temporary access pass. */
    public RegistrationState(Set<AuthenticationMethod> registered) {
        this(registered, false);
    }

    /** The same methods, and a temporary access pass usable now or not. */
    public RegistrationState withTemporaryAccessPass(boolean usable) {
        return new RegistrationState(registered, usable);
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
