package dev.portcullis.core.evaluation;

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;

/** One grant control's state for one sign-in, before the policy's AND/OR joins them. */
sealed interface ControlCheck {

    record Met() implements ControlCheck {}

    record Unmet(String message) implements ControlCheck {}

    record StepUp(AuthenticationRequirement requirement) implements ControlCheck {}

    record Register(RegistrationRequirement requirement) implements ControlCheck {}

    record ChangePassword() implements ControlCheck {}

    ControlCheck MET = new Met();
    ControlCheck PASSWORD_CHANGE = new ChangePassword();

    /** With OR, the alternative offered: a step-up before a password change before a registration. */
    default int preference() {
        if (this instanceof StepUp) {
            return 0;
        }
        return this instanceof ChangePassword ? 1 : 2;
    }
}
