package dev.portcullis.core.evaluation;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.validation.PolicyValidator;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one evaluation needs, known to be valid: policies (in order), the named locations
 * and authentication strengths they refer to. Built-in strengths are always present.
 */
public final class PolicySet {

    private final List<ConditionalAccessPolicy> policies;
    private final Map<String, NamedLocation> namedLocations;
    private final Map<String, AuthenticationStrength> strengths;

    private PolicySet(
            List<ConditionalAccessPolicy> policies,
            Map<String, NamedLocation> namedLocations,
            Map<String, AuthenticationStrength> strengths) {
        this.policies = policies;
        this.namedLocations = namedLocations;
        this.strengths = strengths;
    }

    /** Every problem of the whole set, with paths such as {@code policies[3].grantControls}. */
    public static List<ValidationProblem> validate(
            Collection<ConditionalAccessPolicy> policies,
            Collection<? extends NamedLocation> namedLocations,
            Collection<AuthenticationStrength> customStrengths) {
        List<ValidationProblem> problems = new ArrayList<>();
        Map<String, NamedLocation> locations = locationMap(namedLocations);
        Map<String, AuthenticationStrength> strengths = strengthMap(customStrengths);
        int i = 0;
        Set<String> ids = new HashSet<>();
        for (NamedLocation location : namedLocations) {
            String prefix = "namedLocations[" + i++ + "]";
            PolicyValidator.validate(location).forEach(p -> problems.add(p.prefixed(prefix)));
            blankId(prefix, location.id(), problems);
            if (!ids.add(location.id())) {
                problems.add(new ValidationProblem(prefix + ".id", "duplicate id '" + location.id() + "'"));
            }
        }
        i = 0;
        ids.clear();
        AuthenticationStrength.BUILT_IN.forEach(s -> ids.add(s.id()));
        for (AuthenticationStrength strength : customStrengths) {
            String prefix = "authenticationStrengths[" + i++ + "]";
            PolicyValidator.validate(strength).forEach(p -> problems.add(p.prefixed(prefix)));
            blankId(prefix, strength.id(), problems);
            if (!ids.add(strength.id())) {
                problems.add(new ValidationProblem(prefix + ".id", "duplicate or built-in id '" + strength.id() + "'"));
            }
        }
        i = 0;
        ids.clear();
        for (ConditionalAccessPolicy policy : policies) {
            String prefix = "policies[" + i++ + "]";
            PolicyValidator.validate(policy, locations, strengths).forEach(p -> problems.add(p.prefixed(prefix)));
            blankId(prefix, policy.id(), problems);
            if (!ids.add(policy.id())) {
                problems.add(new ValidationProblem(prefix + ".id", "duplicate id '" + policy.id() + "'"));
            }
        }
        return List.copyOf(problems);
    }

    private static void blankId(String prefix, String id, List<ValidationProblem> problems) {
        if (id.isBlank()) {
            problems.add(new ValidationProblem(prefix + ".id", "must not be blank"));
        }
    }

    /** Builds a set that is known to be valid; invalid input is a programming error here. */
    public static PolicySet of(
            Collection<ConditionalAccessPolicy> policies,
            Collection<? extends NamedLocation> namedLocations,
            Collection<AuthenticationStrength> customStrengths) {
        List<ValidationProblem> problems = validate(policies, namedLocations, customStrengths);
        if (!problems.isEmpty()) {
            throw new InvalidPolicySetException(problems);
        }
        return new PolicySet(List.copyOf(policies), locationMap(namedLocations), strengthMap(customStrengths));
    }

    public static PolicySet of(Collection<ConditionalAccessPolicy> policies, Collection<? extends NamedLocation> locations) {
        return of(policies, locations, List.of());
    }

    public static PolicySet empty() {
        return of(List.of(), List.of(), List.of());
    }

    public List<ConditionalAccessPolicy> policies() {
        return policies;
    }

    public Map<String, NamedLocation> namedLocations() {
        return namedLocations;
    }

    public Map<String, AuthenticationStrength> authenticationStrengths() {
        return strengths;
    }

    /** The strengths an administrator defined, without Graph's built-in ones. */
    public List<AuthenticationStrength> customStrengths() {
        return strengths.values().stream().filter(s -> !s.builtIn()).toList();
    }

    /** This set with one policy added, or replacing the one with its id; validated like any set. */
    public PolicySet withPolicy(ConditionalAccessPolicy policy) {
        List<ConditionalAccessPolicy> changed = new ArrayList<>(policies.stream()
                .filter(p -> !p.id().equals(policy.id())).toList());
        changed.add(policy);
        return of(changed, namedLocations.values(), customStrengths());
    }

    public AuthenticationStrength strength(String id) {
        AuthenticationStrength strength = strengths.get(id);
        if (strength == null) {
            throw new IllegalStateException("validated policy set without strength " + id);
        }
        return strength;
    }

    private static Map<String, NamedLocation> locationMap(Collection<? extends NamedLocation> locations) {
        Map<String, NamedLocation> map = new LinkedHashMap<>();
        locations.forEach(l -> map.putIfAbsent(l.id(), l));
        return Map.copyOf(map);
    }

    private static Map<String, AuthenticationStrength> strengthMap(Collection<AuthenticationStrength> custom) {
        Map<String, AuthenticationStrength> map = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> map.put(s.id(), s));
        custom.forEach(s -> map.putIfAbsent(s.id(), s));
        return Map.copyOf(map);
    }

    /** Thrown only by {@link #of}: callers with outside input call {@link #validate} first. */
    public static final class InvalidPolicySetException extends IllegalArgumentException {
        private final transient List<ValidationProblem> problems;

        public InvalidPolicySetException(List<ValidationProblem> problems) {
            super("invalid policy set: " + problems);
            this.problems = List.copyOf(problems);
        }

        public List<ValidationProblem> problems() {
            return problems;
        }
    }
}
