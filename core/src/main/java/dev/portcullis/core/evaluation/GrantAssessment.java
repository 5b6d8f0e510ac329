package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
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
}
