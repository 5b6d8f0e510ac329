package dev.portcullis.adapters.keycloak.push;

import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.signin.RiskLevel;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Push approval with number matching, as a second factor. Sends one push to the user's phone,
 * shows the number to type there, and waits (the page polls) for the answer the companion
 * signed. Only an approval with the right number, bound to this very login, lets it through;
 * each approval is taken out of the store as it is used. No push is sent for a risky sign-in,
 * while another push is waiting, or while pushes are muted; the user is offered another method.
 */
public final class PushAuthenticator implements Authenticator, CredentialValidator<PushCredentialProvider> {

    static final String CHALLENGE_NOTE = "portcullis.push.challenge";
    static final String TEMPLATE = "portcullis-push.ftl";
    private static final Logger LOG = Logger.getLogger(PushAuthenticator.class);

    private final Function<KeycloakSession, PushStore> stores;

    PushAuthenticator(Function<KeycloakSession, PushStore> stores) {
        this.stores = stores;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String existing = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if (existing != null) {
            conclude(context, existing); // a reload, or the page's own submit: never a second push for one login
        } else {
            send(context);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String note = context.getAuthenticationSession().getAuthNote(CHALLENGE_NOTE);
        if (context.getHttpRequest().getDecodedFormParameters().containsKey("resend") || note == null) {
            context.getAuthenticationSession().removeAuthNote(CHALLENGE_NOTE);
            send(context);
        } else {
            conclude(context, note);
        }
    }

    private void send(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        PortcullisProvider portcullis = context.getSession().getProvider(PortcullisProvider.class);
        RiskLevel risk = KeycloakSignIn.build(context, portcullis,
                KeycloakSignIn.browserFlowAppType(authSession.getClient())).signIn().signInRisk();
        if (risk != RiskLevel.NONE && risk != RiskLevel.LOW) {
            // As Microsoft hides the pop-up: a risky sign-in must not reach the phone, where a tired user may tap yes.
            noPush(context, "risk_" + risk.graphName(), "portcullisPushRisky");
            return;
        }
        PushStore store = store(context.getSession());
        PushStore.Opened opened = store.open(realm.getId(), user.getId(), boundTo(authSession),
                SignInContexts.of(context.getSession(), authSession.getClient(), false), Instant.now());
        if (opened instanceof PushStore.Opened.Refused refused) {
            if (refused.refusal() == PushStore.Refusal.ALREADY_PENDING) {
                LOG.infof("event=portcullis_push_refused realm=%s user=%s reason=already_pending", realm.getName(), user.getId());
                context.getEvent().detail("portcullis_push", "already_pending");
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED,
                        page(context, Optional.empty(), "portcullisPushAlreadyPending"));
            } else {
                noPush(context, "muted", "portcullisPushMuted");
            }
            return;
        }
        Challenge challenge = ((PushStore.Opened.Sent) opened).challenge();
        authSession.setAuthNote(CHALLENGE_NOTE, challenge.id());
        LOG.infof("event=portcullis_push_sent realm=%s user=%s challenge=%s client=%s", realm.getName(), user.getId(),
                challenge.id(), authSession.getClient().getClientId());
        context.challenge(page(context, Optional.of(challenge), null));
    }

    /** The push's answer decides; a push still waiting shows its number again. */
    private void conclude(AuthenticationFlowContext context, String challengeId) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PushStore store = store(context.getSession());
        Instant now = Instant.now();
        Optional<Challenge> found = store.challenge(challengeId, now).filter(c -> c.boundTo().equals(boundTo(authSession)));
        if (found.isPresent() && found.get().status() == Challenge.Status.PENDING) {
            context.challenge(page(context, found, null));
            return;
        }
        authSession.removeAuthNote(CHALLENGE_NOTE);
        Optional<Challenge> taken = found.flatMap(c -> store.consume(c.id(), now))
                .filter(c -> c.boundTo().equals(boundTo(authSession)));
        Challenge.Status status = taken.map(Challenge::status).orElse(null);
        if (status == Challenge.Status.APPROVED) {
            LOG.infof("event=portcullis_push_approved realm=%s user=%s challenge=%s", context.getRealm().getName(),
                    context.getUser().getId(), challengeId);
            context.getEvent().detail("portcullis_push", "approved");
            context.success();
            return;
        }
        String outcome = status == null ? "timeout" : status.wire();
        String message = switch (outcome) {
            case "wrongNumber" -> "portcullisPushWrongNumber";
            case "denied", "reported" -> "portcullisPushDenied";
            default -> "portcullisPushTimedOut";
        };
        LOG.infof("event=portcullis_push_failed realm=%s user=%s challenge=%s outcome=%s", context.getRealm().getName(),
                context.getUser().getId(), challengeId, outcome);
        context.getEvent().detail("portcullis_push", outcome);
        context.failureChallenge(status == null ? AuthenticationFlowError.EXPIRED_CODE : AuthenticationFlowError.ACCESS_DENIED,
                page(context, Optional.empty(), message));
    }

    /** No push for this sign-in: another method if the user has one, else a page that says why. */
    private void noPush(AuthenticationFlowContext context, String reason, String message) {
        LOG.infof("event=portcullis_push_withheld realm=%s user=%s reason=%s", context.getRealm().getName(),
                context.getUser().getId(), reason);
        context.getEvent().detail("portcullis_push", "withheld_" + reason);
        boolean hasAnother = context.getUser().credentialManager().getStoredCredentialsStream()
                .anyMatch(c -> !c.getType().equals(PushCredentialModel.TYPE) && !c.getType().equals("password"));
        if (hasAnother) {
            context.attempted();
        } else {
            context.failure(AuthenticationFlowError.ACCESS_DENIED, page(context, Optional.empty(), message),
                    "portcullis_push_withheld", message);
        }
    }

    private Response page(AuthenticationFlowContext context, Optional<Challenge> challenge, String error) {
        var form = context.form();
        if (error != null) {
            form.setError(error);
        }
        challenge.ifPresent(c -> form.setAttribute("portcullisPushNumber", c.number())
                .setAttribute("portcullisPushStatusUrl", companionUrl(context.getSession(), context.getRealm())
                        .resolve("api/challenges/" + c.id() + "/status").toString())
                .setAttribute("portcullisPushExpiresAt", c.expiresAt().toEpochMilli()));
        return form.setAttribute("portcullisPushWaiting", challenge.isPresent()).createForm(TEMPLATE);
    }

    /** The companion's address, as this request reached Keycloak (so it works behind a proxy too). */
    static URI companionUrl(KeycloakSession session, RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path("portcullis").path("companion").path("/").build();
    }

    static String boundTo(AuthenticationSessionModel authSession) {
        return "login:" + authSession.getParentSession().getId() + "." + authSession.getTabId();
    }

    private PushStore store(KeycloakSession session) {
        return stores.apply(session);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        // Not isConfiguredFor: that asks credential validators, and a phone's key validates no typed input.
        return user.credentialManager().getStoredCredentialsByTypeStream(PushCredentialModel.TYPE).findAny().isPresent();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public PushCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PushCredentialProvider) session.getProvider(CredentialProvider.class, PushCredentialProviderFactory.PROVIDER_ID);
    }

    @Override
    public void close() {}
}
