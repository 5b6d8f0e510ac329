package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.GraphNamed;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy's {@code grantControls}: block, or the built-in controls, authentication strength, custom
 * controls and terms of use that grant access, combined by AND or OR. What Keycloak cannot satisfy
 * is kept and refuses the sign-ins that need it (fail secure).
 */
final class GrantControlsJson {

    private static final Set<String> GRANT_FIELDS = Set.of("operator", "builtInControls", "customAuthenticationFactors",
            "termsOfUse", "authenticationStrength");
    private static final String MFA_AND_CHANGE_PASSWORD = "MfaAndChangePassword";

    private GrantControlsJson() {}

    static GrantControls read(JsonReader g) {
        g.onlyKnownFields(GRANT_FIELDS);
        GrantOperator operator = g.enumValue("operator", GrantOperator.class).orElse(GrantOperator.OR);
        Set<BuiltInControl> controls;
        List<String> names = g.strings("builtInControls");
        if (names.stream().anyMatch(MFA_AND_CHANGE_PASSWORD::equalsIgnoreCase)) {
            // Entra's templates write this for "MFA, then change the password": both controls, together.
            if (names.size() > 1 && operator == GrantOperator.OR) {
                g.problems().error(g.path("builtInControls"), "'" + MFA_AND_CHANGE_PASSWORD + "' is mfa AND"
                        + " passwordChange: it cannot be one alternative among others (OR)");
            }
            g.problems().warning(g.path("builtInControls"), "'" + MFA_AND_CHANGE_PASSWORD
                    + "' read as mfa and passwordChange, both required (AND)");
            operator = GrantOperator.AND;
            controls = EnumSet.of(BuiltInControl.MFA, BuiltInControl.PASSWORD_CHANGE);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Optional<BuiltInControl> other = GraphNamed.parse(BuiltInControl.class, name);
                if (other.isPresent()) {
                    controls.add(other.get());
                } else if (!name.equalsIgnoreCase(MFA_AND_CHANGE_PASSWORD)) {
                    g.problems().error(g.path("builtInControls") + "[" + i + "]",
                            VocabularyReader.unknownValue(name, BuiltInControl.class));
                }
            }
        } else {
            controls = g.enums("builtInControls", BuiltInControl.class);
        }
        for (BuiltInControl control : controls) {
            if (!control.enforceable() && control != BuiltInControl.BLOCK) {
                g.problems().unenforceable(g.path("builtInControls"), "'" + control.graphName()
                        + "' cannot be satisfied in Keycloak: sign-ins that need it are refused (fail secure)");
            }
        }
        // Exports may expand the strength (its combinations, dates, links): only its id names it.
        Optional<String> strength = g.object("authenticationStrength").map(s -> s.requiredString("id"));
        List<String> custom = g.strings("customAuthenticationFactors");
        List<String> terms = g.strings("termsOfUse");
        if (!custom.isEmpty()) {
            g.problems().unenforceable(g.path("customAuthenticationFactors"),
                    "custom controls cannot be satisfied: sign-ins that need them are refused (fail secure)");
        }
        if (!terms.isEmpty()) {
            g.problems().unenforceable(g.path("termsOfUse"),
                    "terms of use cannot be accepted in Keycloak: sign-ins that need them are refused (fail secure)");
        }
        return new GrantControls(operator, controls, strength.filter(s -> !s.isEmpty()), Set.copyOf(custom),
                Set.copyOf(terms));
    }

    /** Writes the controls; a policy with none (session controls only) has {@code null}, as Graph writes it. */
    static void write(ObjectNode policy, GrantControls g) {
        if (g.controlCount() == 0) {
            policy.putNull("grantControls");
            return;
        }
        ObjectNode grant = policy.putObject("grantControls");
        grant.put("operator", g.operator().graphName());
        ArrayNode builtIn = grant.putArray("builtInControls");
        for (BuiltInControl control : BuiltInControl.values()) {
            if (g.builtInControls().contains(control)) {
                builtIn.add(control.graphName());
            }
        }
        JsonArrays.strings(grant, "customAuthenticationFactors", g.customAuthenticationFactors().stream().sorted().toList());
        JsonArrays.strings(grant, "termsOfUse", g.termsOfUse().stream().sorted().toList());
        if (g.authenticationStrengthId().isPresent()) {
            grant.putObject("authenticationStrength").put("id", g.authenticationStrengthId().get());
        } else {
            grant.putNull("authenticationStrength");
        }
    }
}
