package dev.portcullis.adapters.keycloak.push;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Authenticator app (push)": shows a QR code carrying a one-time enrolment code (it can be typed
 * instead), waits while the companion registers its key, then shows the number of the test push
 * the user must approve on the phone. The phone becomes a credential only after that approval.
 */
public final class PushEnrolment implements RequiredActionProvider {

    static final String ENROLMENT_NOTE = "portcullis.push.enrolment";
    static final String TEMPLATE = "portcullis-push-enrol.ftl";
    private static final Logger LOG = Logger.getLogger(PushEnrolment.class);

    private final Function<KeycloakSession, PushStore> stores;

    PushEnrolment(Function<KeycloakSession, PushStore> stores) {
        this.stores = stores;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED; // "Set up" in the account console
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {}

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, current(context).orElseGet(() -> start(context)), null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<Enrolment> enrolment = context.getHttpRequest().getDecodedFormParameters().containsKey("restart")
                ? Optional.empty() : current(context);
        if (enrolment.isPresent() && enrolment.get().state() == Enrolment.State.DONE) {
            store(context).finish(enrolment.get());
            authSession.removeAuthNote(ENROLMENT_NOTE);
            LOG.infof("event=portcullis_push_enrolled realm=%s user=%s device=%s", context.getRealm().getName(),
                    context.getUser().getId(), enrolment.get().deviceId().orElse(""));
            context.getEvent().detail("portcullis_push", "enrolled");
            context.success();
            return;
        }
        if (enrolment.isPresent() && enrolment.get().state() != Enrolment.State.FAILED) {
            context.challenge(page(context, enrolment.get(), null)); // still waiting for the phone
            return;
        }
        String error = enrolment.isPresent() ? "portcullisPushEnrolFailed" : null;
        enrolment.ifPresent(e -> store(context).finish(e));
        context.challenge(page(context, start(context), error));
    }

    private Optional<Enrolment> current(RequiredActionContext context) {
        return store(context).enrolment(context.getAuthenticationSession().getAuthNote(ENROLMENT_NOTE))
                .filter(e -> e.userId().equals(context.getUser().getId()) && e.realmId().equals(context.getRealm().getId()));
    }

    private Enrolment start(RequiredActionContext context) {
        Enrolment enrolment = store(context).startEnrolment(context.getRealm().getId(), context.getUser().getId(),
                SignInContexts.of(context.getSession(), context.getAuthenticationSession().getClient(), true));
        context.getAuthenticationSession().setAuthNote(ENROLMENT_NOTE, enrolment.handle());
        return enrolment;
    }

    private Response page(RequiredActionContext context, Enrolment enrolment, String error) {
        String companion = PushAuthenticator.companionUrl(context.getSession(), context.getRealm()).toString();
        String link = companion + "#enrol=" + enrolment.token();
        var form = context.form();
        if (error != null) {
            form.setError(error);
        }
        return form.setAttribute("portcullisPushCompanionUrl", companion)
                .setAttribute("portcullisPushQr", QrCode.svgDataUri(link))
                .setAttribute("portcullisPushCode", enrolment.token().replaceAll("(.{4})(?!$)", "$1-"))
                .setAttribute("portcullisPushEnrolmentUrl", companion + "api/enrolments/" + enrolment.handle())
                .createForm(TEMPLATE);
    }

    private PushStore store(RequiredActionContext context) {
        return stores.apply(context.getSession());
    }

    @Override
    public void close() {}
}
