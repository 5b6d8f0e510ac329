package dev.portcullis.core.method;

import static dev.portcullis.core.method.AuthenticationMethod.PASSKEY;
import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.PUSH;
import static dev.portcullis.core.method.AuthenticationMethod.RECOVERY_CODE;
import static dev.portcullis.core.method.AuthenticationMethod.SECURITY_KEY;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which combinations of methods count as strong enough. Satisfied when the methods used include
 * every method of at least one allowed combination.
 */
public record AuthenticationStrength(
        String id, String displayName, String description, Set<MethodCombination> allowedCombinations, boolean builtIn) {

    public static final String MFA_ID = "00000000-0000-0000-0000-000000000002";
    public static final String PASSWORDLESS_MFA_ID = "00000000-0000-0000-0000-000000000003";
    public static final String PHISHING_RESISTANT_MFA_ID = "00000000-0000-0000-0000-000000000004";

    public static final AuthenticationStrength MFA = new AuthenticationStrength(
            MFA_ID, "Multifactor authentication", "Combinations of methods that satisfy strong authentication",
            Set.of(MethodCombination.of(PASSKEY), MethodCombination.of(SECURITY_KEY),
                    MethodCombination.of(PASSWORD, TOTP), MethodCombination.of(PASSWORD, PUSH),
                    MethodCombination.of(PASSWORD, SECURITY_KEY), MethodCombination.of(PASSWORD, RECOVERY_CODE)),
            true);

    public static final AuthenticationStrength PASSWORDLESS_MFA = new AuthenticationStrength(
            PASSWORDLESS_MFA_ID, "Passwordless MFA", "Passwordless methods that satisfy strong authentication",
            Set.of(MethodCombination.of(PASSKEY), MethodCombination.of(SECURITY_KEY)),
            true);

    public static final AuthenticationStrength PHISHING_RESISTANT_MFA = new AuthenticationStrength(
            PHISHING_RESISTANT_MFA_ID, "Phishing-resistant MFA",
            "Phishing-resistant, passwordless methods for the strongest authentication",
            Set.of(MethodCombination.of(PASSKEY), MethodCombination.of(SECURITY_KEY),
                    MethodCombination.of(PASSWORD, SECURITY_KEY)),
            true);

    public static final List<AuthenticationStrength> BUILT_IN = List.of(MFA, PASSWORDLESS_MFA, PHISHING_RESISTANT_MFA);

    /** This strength as a custom one under another id (a new document gets its id from the store). */
    public AuthenticationStrength withId(String newId) {
        return new AuthenticationStrength(newId, displayName, description, allowedCombinations, false);
    }

    public AuthenticationStrength {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        description = description == null ? "" : description;
        allowedCombinations = Set.copyOf(allowedCombinations);
    }

    public boolean isSatisfiedBy(Set<AuthenticationMethod> used) {
        for (MethodCombination combination : allowedCombinations) {
            if (combination.isSatisfiedBy(used)) {
                return true;
            }
        }
        return false;
    }

    /** Every method that appears in some allowed combination. */
    public Set<AuthenticationMethod> methods() {
        Set<AuthenticationMethod> all = EnumSet.noneOf(AuthenticationMethod.class);
        allowedCombinations.forEach(c -> all.addAll(c.methods()));
        return all;
    }

    /** Whether satisfying this strength always satisfies {@code other} too (so other is redundant). */
    public boolean implies(AuthenticationStrength other) {
        for (MethodCombination combination : allowedCombinations) {
            if (!other.isSatisfiedBy(combination.methods())) {
                return false;
            }
        }
        return true;
    }
}
