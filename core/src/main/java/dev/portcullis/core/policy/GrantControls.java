package dev.portcullis.core.policy;

import java.util.Optional;
import java.util.Set;

/**
 * What a policy demands once it applies: {@code block}, or a set of controls joined by AND/OR.
 *
 * @param authenticationStrengthId an authentication strength policy id, empty if none
 * @param customAuthenticationFactors and {@code termsOfUse}: kept from imported policies; Portcullis
 *     cannot satisfy them, so a policy that needs them is never satisfied (fail secure)
 */
public record GrantControls(
        GrantOperator operator,
        Set<BuiltInControl> builtInControls,
        Optional<String> authenticationStrengthId,
        Set<String> customAuthenticationFactors,
        Set<String> termsOfUse) {

    public GrantControls {
        builtInControls = Set.copyOf(builtInControls);
        customAuthenticationFactors = Set.copyOf(customAuthenticationFactors);
        termsOfUse = Set.copyOf(termsOfUse);
    }

    /** No grant controls: a session-only policy, which Entra allows (it applies its session controls). */
    public static GrantControls none() {
        return new GrantControls(GrantOperator.OR, Set.of(), Optional.empty(), Set.of(), Set.of());
    }

    public static GrantControls block() {
        return new GrantControls(GrantOperator.OR, Set.of(BuiltInControl.BLOCK), Optional.empty(), Set.of(), Set.of());
    }

    public static GrantControls require(GrantOperator operator, BuiltInControl... controls) {
        return new GrantControls(operator, Set.of(controls), Optional.empty(), Set.of(), Set.of());
    }

    public static GrantControls requireStrength(String authenticationStrengthId) {
        return new GrantControls(GrantOperator.AND, Set.of(), Optional.of(authenticationStrengthId), Set.of(), Set.of());
    }

    public GrantControls withStrength(String authenticationStrengthId) {
        return new GrantControls(operator, builtInControls, Optional.of(authenticationStrengthId),
                customAuthenticationFactors, termsOfUse);
    }

    public boolean blocks() {
        return builtInControls.contains(BuiltInControl.BLOCK);
    }

    /** Number of controls named, whatever their kind: zero only in a session-only policy. */
    public int controlCount() {
        return builtInControls.size() + (authenticationStrengthId.isPresent() ? 1 : 0)
                + customAuthenticationFactors.size() + termsOfUse.size();
    }
}
