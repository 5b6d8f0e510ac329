package dev.portcullis.core.evaluation;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What happens to a sign-in, combining every enforced policy that applies: any block wins, and
 * the controls of several policies add up.
 */
public sealed interface Decision {

    /** Graph-style name: allow, block, requireControls or registrationRequired. */
    String result();

    /** Straight through, no prompt. */
    record Allow() implements Decision {
        @Override
        public String result() {
            return "allow";
        }
    }

    /** No access, with the policies that decided it and why. */
    record Block(List<Reason> reasons) implements Decision {
        public Block {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String result() {
            return "block";
        }
    }

    /**
     * A step-up the user can do now with methods already registered. Every authentication
     * requirement must be met (they come from different policies); {@code passwordChange} lists the
     * policies that also demand a password change.
     */
    record RequireControls(List<AuthenticationRequirement> authentication, List<String> passwordChangePolicyIds)
            implements Decision {
        public RequireControls {
            authentication = List.copyOf(authentication);
            passwordChangePolicyIds = List.copyOf(passwordChangePolicyIds);
        }

        @Override
        public String result() {
            return "requireControls";
        }

        /** The strictest strengths, with those another one implies left out: what a prompt must meet. */
        public List<AuthenticationStrength> strengths() {
            List<AuthenticationStrength> distinct = authentication.stream()
                    .map(AuthenticationRequirement::strength).distinct().toList();
            return distinct.stream()
                    .filter(s -> distinct.stream().noneMatch(o -> o != s && o.implies(s) && !s.implies(o)))
                    .toList();
        }

        /**
         * Registered methods of which one more use, on top of what this sign-in already did, meets
         * every requirement at once: the methods a single prompt may offer.
         */
        public Set<AuthenticationMethod> singleStepOptions(
                Set<AuthenticationMethod> alreadySatisfied, Set<AuthenticationMethod> registered) {
            Set<AuthenticationMethod> options = EnumSet.noneOf(AuthenticationMethod.class);
            for (AuthenticationMethod candidate : registered) {
                Set<AuthenticationMethod> after = EnumSet.copyOf(Set.of(candidate));
                after.addAll(alreadySatisfied);
                if (authentication.stream().allMatch(r -> r.strength().isSatisfiedBy(after))) {
                    options.add(candidate);
                }
            }
            return options;
        }
    }

    /**
     * "More information required": the user must register a method before the sign-in can meet a
     * strength. Registration was allowed by the policies on registering security info.
     */
    record RegistrationRequired(List<RegistrationRequirement> registrations) implements Decision {
        public RegistrationRequired {
            registrations = List.copyOf(registrations);
        }

        @Override
        public String result() {
            return "registrationRequired";
        }

        /** Methods that, registered, would satisfy every requirement. */
        public Set<AuthenticationMethod> options() {
            Set<AuthenticationMethod> options = EnumSet.allOf(AuthenticationMethod.class);
            registrations.forEach(r -> options.retainAll(r.options()));
            return options;
        }
    }

    /** Why a policy blocked, or could not be satisfied. */
    record Reason(String policyId, String policyName, String message) {}

    /**
     * @param notBefore methods used before this instant no longer count (sign-in frequency);
     *     {@link Instant#MIN} when the policy sets no frequency
     */
    record AuthenticationRequirement(String policyId, AuthenticationStrength strength, Instant notBefore) {}

    record RegistrationRequirement(String policyId, AuthenticationStrength strength, Set<AuthenticationMethod> options) {
        public RegistrationRequirement {
            options = Set.copyOf(options);
        }
    }

    Allow ALLOW = new Allow();

    /**
     * One sign-in that must pass two evaluations (an application and, in the same login, registering
     * security info): any block wins, step-ups add up and come before a registration, registrations add up.
     */
    static Decision both(Decision first, Decision second) {
        if (first instanceof Block a && second instanceof Block b) {
            return new Block(java.util.stream.Stream.concat(a.reasons().stream(), b.reasons().stream()).toList());
        }
        if (first instanceof Block || second instanceof Block) {
            return first instanceof Block ? first : second;
        }
        if (first instanceof RequireControls || second instanceof RequireControls) {
            List<AuthenticationRequirement> auth = new java.util.ArrayList<>();
            List<String> passwordChange = new java.util.ArrayList<>();
            for (Decision d : List.of(first, second)) {
                if (d instanceof RequireControls r) {
                    auth.addAll(r.authentication());
                    passwordChange.addAll(r.passwordChangePolicyIds());
                }
            }
            return new RequireControls(auth, passwordChange);
        }
        if (first instanceof RegistrationRequired a && second instanceof RegistrationRequired b) {
            return new RegistrationRequired(java.util.stream.Stream.concat(
                    a.registrations().stream(), b.registrations().stream()).toList());
        }
        return first instanceof RegistrationRequired ? first : second;
    }
}
