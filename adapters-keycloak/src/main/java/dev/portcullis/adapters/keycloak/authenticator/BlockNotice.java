package dev.portcullis.adapters.keycloak.authenticator;

import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.keycloak.forms.login.LoginFormsProvider;

/**
 * What a refused user is told, as Entra's block page tells it: the application, the request id (the
 * sign-in record's id) and the correlation id to quote to support, and the time. Which policy
 * refused, and why, stays in the sign-in log, where those ids find it: a user never sees policy
 * internals, which would tell an attacker what to change.
 */
public record BlockNotice(String application, String requestId, String correlationId, Instant time) {

    /**
     * @param requestId the id of the sign-in record that logs this sign-in
     * @param correlationId the id its login's records share
     */
    public static BlockNotice of(SignIn signIn, String requestId, String correlationId) {
        String application = signIn.target() instanceof Target.Application app ? app.clientId()
                : ((Target.UserAction) signIn.target()).action();
        return new BlockNotice(application, requestId, correlationId, signIn.time());
    }

    /** The same ids, naming the application the user signed in to (a user action is no application). */
    BlockNotice forApplication(String clientId) {
        return new BlockNotice(clientId, requestId, correlationId, time);
    }

    /** The block page (status 403), in the login theme. */
    Response page(LoginFormsProvider form) {
        return form.setAttribute("portcullisApplication", application)
                .setAttribute("portcullisRequestId", requestId)
                .setAttribute("portcullisCorrelationId", correlationId)
                .setAttribute("portcullisTime", utc())
                .setStatus(Response.Status.FORBIDDEN)
                .createForm("portcullis-blocked.ftl");
    }

    /** The same details on one line, for an OAuth {@code error_description}, where no page can be shown. */
    public String quote() {
        return "Request id: " + requestId + ". Correlation id: " + correlationId + ". Time: " + utc() + ".";
    }

    private String utc() {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
