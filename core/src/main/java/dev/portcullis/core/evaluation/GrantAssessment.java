package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
import dev.portcullis.core.method.AuthenticationMethod;
import java.util.ArrayList;
import java.util.List;

/** What one applicable policy's grant controls say about a sign-in. */
sealed interface GrantAssessment {

    record Satisfied() implements GrantAssessment {}

    /** The policy's control is {@code block}. */
    record Blocked() implements GrantAssessment {}

    /** The controls cannot be met in this sign-in at all (fail secure). */
    record Unsatisfiable(String message) implements GrantAssessment {}

    /** The controls can be met by a step-up, a registration or a password change. */
    record Pending(
            List<AuthenticationRequirement> authentication,
            List<RegistrationRequirement> registration,
            boolean passwordChange,
            String message) implements GrantAssessment {}

    Satisfied SATISFIED = new Satisfied();
    Blocked BLOCKED = new Blocked();

    /** Pending, with the message an administrator reads in the policy's outcome. */
    static Pending pending(List<AuthenticationRequirement> auth, List<RegistrationRequirement> reg, boolean pwd) {
        List<String> parts = new ArrayList<>();
        auth.forEach(a -> parts.add("requires " + a.strength().displayName()));
        reg.forEach(r -> parts.add("requires registering a method for " + r.strength().displayName()
                + " (" + r.options().stream().map(AuthenticationMethod::graphName).sorted().toList() + ")"));
        if (pwd) {
            parts.add("requires a password change");
        }
        return new Pending(auth, reg, pwd, String.join("; ", parts));
    }
}
