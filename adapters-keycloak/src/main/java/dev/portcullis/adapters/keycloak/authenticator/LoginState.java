package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.method.AuthenticationMethod;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What Conditional Access has set in motion in one login, kept in one auth-session note and read
 * and written only here. It never says "allowed": every run of the step decides afresh from what
 * the login proved, and this state only says what is under way (a step-up, a registration) or that
 * the login was blocked, which no later request of that login can undo.
 *
 * @param stepUp the step-up sub-flow asked for, if any
 * @param stepUpBy the execution that asked for it: a later execution still short of the controls
 *     means the step-up ran and failed
 * @param registering the method the user chose on "More information required", if any
 * @param blockedBy the policies that blocked this login, if it was blocked
 */
record LoginState(Optional<StepUp> stepUp, String stepUpBy, Optional<AuthenticationMethod> registering,
        Optional<String> blockedBy) {

    static final String NOTE = "portcullis.login";
    static final LoginState NEW = new LoginState(Optional.empty(), "", Optional.empty(), Optional.empty());

    static LoginState read(AuthenticationSessionModel authSession) {
        String note = authSession.getAuthNote(NOTE);
        if (note == null || note.isEmpty()) {
            return NEW;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : note.split("\n")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return new LoginState(
                Arrays.stream(StepUp.values()).filter(s -> s.note().equals(fields.get("stepUp"))).findFirst(),
                fields.getOrDefault("stepUpBy", ""),
                Arrays.stream(AuthenticationMethod.values()).filter(m -> m.graphName().equals(fields.get("registering")))
                        .findFirst(),
                Optional.ofNullable(fields.get("blockedBy")));
    }

    void write(AuthenticationSessionModel authSession) {
        StringBuilder note = new StringBuilder();
        stepUp.ifPresent(s -> note.append("stepUp=").append(s.note()).append("\nstepUpBy=").append(stepUpBy).append('\n'));
        registering.ifPresent(m -> note.append("registering=").append(m.graphName()).append('\n'));
        // Policy names are administrators' text: a newline in one must not forge another field.
        blockedBy.ifPresent(b -> note.append("blockedBy=").append(b.replace('\n', ' ')).append('\n'));
        authSession.setAuthNote(NOTE, note.toString());
    }

    LoginState steppingUp(StepUp kind, String executionId) {
        return new LoginState(Optional.of(kind), executionId, registering, blockedBy);
    }

    LoginState registering(AuthenticationMethod method) {
        return new LoginState(stepUp, stepUpBy, Optional.of(method), blockedBy);
    }

    LoginState blocked(String policies) {
        return new LoginState(stepUp, stepUpBy, registering, Optional.of(policies));
    }

    boolean isBlocked() {
        return blockedBy.isPresent();
    }
}
