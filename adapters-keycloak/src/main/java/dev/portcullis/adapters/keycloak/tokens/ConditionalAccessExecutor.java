package dev.portcullis.adapters.keycloak.tokens;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.LegacyAuthenticationAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.TransferMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.grants.ciba.clientpolicy.context.BackchannelTokenResponseContext;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceTokenRequestContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.context.JWTAuthorizationGrantContext;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenRequestContext;
import org.keycloak.services.clientpolicy.context.TokenExchangeRequestContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.util.TokenUtil;

/**
 * Conditional Access where tokens are issued without a login flow: refresh (online and offline),
 * token exchange, the device grant, CIBA and the JWT authorization grant are evaluated for the user
 * with what the user session proved, and refused unless the decision is allow. Authorization and
 * password-grant requests are refused when the client's flow does not run the Portcullis step, so
 * no flow override skips it. Client credentials are a workload identity's sign-in, which only
 * {@code clientApplications} policies target (docs/keycloak.md).
 *
 * <p>A refusal answers {@code invalid_grant} with the ids of its sign-in record; {@link TokenRefusal}
 * says what else it does.
 */
final class ConditionalAccessExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(ConditionalAccessExecutor.class);

    private final KeycloakSession session;

    ConditionalAccessExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return ConditionalAccessExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_REFRESH -> refresh((TokenRefreshContext) context);
            case TOKEN_EXCHANGE_REQUEST -> exchange((TokenExchangeRequestContext) context);
            case DEVICE_TOKEN_REQUEST -> device((DeviceTokenRequestContext) context);
            case BACKCHANNEL_TOKEN_RESPONSE -> ciba((BackchannelTokenResponseContext) context);
            case JWT_AUTHORIZATION_GRANT -> assertion((JWTAuthorizationGrantContext) context);
            case SERVICE_ACCOUNT_TOKEN_REQUEST -> workload(
                    ((ServiceAccountTokenRequestContext) context).getClientSession().getClient(), "client_credentials");
            case AUTHORIZATION_REQUEST, SAML_AUTHN_REQUEST -> requireStep(((ClientModelContext) context).getClient(),
                    AuthenticationFlowBindings.BROWSER_BINDING, ConditionalAccessAuthenticatorFactory.PROVIDER_ID,
                    OAuthErrorException.ACCESS_DENIED);
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST -> requireStep(((ClientModelContext) context).getClient(),
                    AuthenticationFlowBindings.DIRECT_GRANT_BINDING, LegacyAuthenticationAuthenticatorFactory.PROVIDER_ID,
                    OAuthErrorException.INVALID_GRANT);
            default -> {
                // The code grant and the implicit and hybrid responses come out of the browser flow,
                // which evaluated the login.
            }
        }
    }

    private void refresh(TokenRefreshContext context) throws ClientPolicyException {
        String encoded = context.getParams().getFirst(OAuth2Constants.REFRESH_TOKEN);
        RefreshToken token = encoded == null ? null : session.tokens().decode(encoded, RefreshToken.class);
        if (token == null) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "Invalid refresh token");
        }
        boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType());
        RealmModel realm = realm();
        UserSessionModel userSession = token.getSessionId() == null ? null : offline
                ? session.sessions().getOfflineUserSession(realm, token.getSessionId())
                : session.sessions().getUserSession(realm, token.getSessionId());
        if (userSession == null) {
            return; // Keycloak refuses a refresh token whose session has ended
        }
        evaluate(new TokenRequest(offline ? "refresh_token (offline)" : "refresh_token", userSession.getUser(),
                Optional.of(userSession), List.of(context.getClient()), Optional.empty()));
    }

    private void exchange(TokenExchangeRequestContext context) throws ClientPolicyException {
        TokenExchangeContext exchange = context.getTokenExchangeContext();
        if (exchange.getParams().getSubjectIssuer() != null
                || exchange.getFormParams().getFirst(OAuth2Constants.REQUESTED_SUBJECT) != null) {
            // External subject tokens and impersonation name a user no login of this realm evaluated.
            throw TokenRefusal.unevaluable("token exchange with an external subject token or a requested subject");
        }
        String encoded = exchange.getParams().getSubjectToken();
        if (encoded == null) {
            return; // Keycloak asks for the subject token itself
        }
        AccessToken subject = session.tokens().decode(encoded, AccessToken.class);
        RealmModel realm = realm();
        UserModel user = subject == null || subject.getSubject() == null ? null
                : session.users().getUserById(realm, subject.getSubject());
        if (user == null) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "Invalid subject token");
        }
        Optional<UserSessionModel> userSession = Optional.ofNullable(subject.getSessionId())
                .map(id -> Optional.ofNullable(session.sessions().getUserSession(realm, id))
                        .orElseGet(() -> session.sessions().getOfflineUserSession(realm, id)));
        List<ClientModel> applications = new ArrayList<>(List.of(exchange.getClient()));
        for (String audience : Optional.ofNullable(exchange.getParams().getAudience()).orElse(List.of())) {
            ClientModel client = realm.getClientByClientId(audience);
            if (client != null && !applications.contains(client)) {
                applications.add(client);
            }
        }
        evaluate(new TokenRequest("token-exchange", user, userSession, applications, Optional.empty()));
    }

    private void device(DeviceTokenRequestContext context) throws ClientPolicyException {
        UserSessionModel userSession = session.sessions().getUserSession(realm(),
                context.getDeviceCodeModel().getUserSessionId());
        if (userSession == null) {
            return; // Keycloak has checked the session; nothing to issue tokens for
        }
        evaluate(new TokenRequest("device_code", userSession.getUser(), Optional.of(userSession),
                List.of(session.getContext().getClient()), Optional.of(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS),
                TransferMethod.DEVICE_CODE_FLOW));
    }

    /** After the authentication device approved: the session is new, and what the user proved there is unknown. */
    private void ciba(BackchannelTokenResponseContext context) throws ClientPolicyException {
        UserSessionModel userSession = context.getClientSessionContext().getClientSession().getUserSession();
        evaluate(new TokenRequest("ciba", userSession.getUser(), Optional.of(userSession),
                List.of(context.getClientSessionContext().getClientSession().getClient()),
                Optional.of(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)));
    }

    /** An identity provider's assertion: the user it names, with nothing proven here. */
    private void assertion(JWTAuthorizationGrantContext context) throws ClientPolicyException {
        String subject = context.getAuthorizationGrantContext().getSubject();
        UserModel user = subject == null ? null : session.users().getUserByFederatedIdentity(realm(),
                new FederatedIdentityModel(context.getIdentityProviderAlias(), subject, null));
        if (user == null) {
            throw TokenRefusal.unevaluable("a JWT authorization grant whose user Portcullis cannot find");
        }
        evaluate(new TokenRequest("jwt-bearer", user, Optional.empty(), List.of(context.getClient()),
                Optional.of(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)));
    }

    /**
     * Client credentials: the client is a workload identity, and only {@code clientApplications}
     * policies target it. Entra lets such a policy only block; anything but allow is refused here.
     */
    private void workload(ClientModel client, String grant) throws ClientPolicyException {
        PortcullisProvider portcullis = session.getProvider(PortcullisProvider.class);
        if (portcullis.clients().isNodeClient(realm().getName(), client.getClientId())) {
            return; // the node fetching its own policies: a policy must never cut it off from them
        }
        KeycloakSignIn.Built built = KeycloakSignIn.forWorkload(session, client, portcullis);
        Evaluation evaluation = portcullis.policies().evaluate(built.signIn());
        if (evaluation.decision() instanceof Decision.Allow) {
            return;
        }
        throw new TokenRefusal(session, portcullis).ofWorkload(client, grant, built, evaluation);
    }

    /** A login flow bound for this client (its override, else the realm's) must run the Portcullis step. */
    private void requireStep(ClientModel client, String binding, String step, String error) throws ClientPolicyException {
        RealmModel realm = realm();
        String flowId = Optional.ofNullable(client.getAuthenticationFlowBindingOverride(binding))
                .orElseGet(() -> (binding.equals(AuthenticationFlowBindings.BROWSER_BINDING)
                        ? realm.getBrowserFlow() : realm.getDirectGrantFlow()).getId());
        boolean runs = realm.getAuthenticationExecutionsStream(flowId)
                .anyMatch(e -> step.equals(e.getAuthenticator()) && e.isRequired());
        if (!runs) {
            LOG.warnf("event=portcullis_flow_without_step realm=%s client=%s binding=%s effect=refused", realm.getName(),
                    client.getClientId(), binding);
            throw new ClientPolicyException(error, "Conditional Access does not run in the " + binding.replace('_', ' ')
                    + " flow of this client; ask an administrator to bind the Portcullis flow");
        }
    }

    private void evaluate(TokenRequest request) throws ClientPolicyException {
        String serviceAccountOf = request.user().getServiceAccountClientLink();
        if (serviceAccountOf != null) {
            // A client acting as itself (its refresh or exchange): a workload identity, as at client credentials.
            ClientModel workload = realm().getClientById(serviceAccountOf);
            if (workload == null) {
                throw TokenRefusal.unevaluable("a service account whose client is gone");
            }
            workload(workload, request.grant());
            return;
        }
        PortcullisProvider portcullis = session.getProvider(PortcullisProvider.class);
        for (ClientModel application : request.applications()) {
            KeycloakSignIn.Built built = KeycloakSignIn.forTokenRequest(session, realm(), request.user(), application,
                    request.userSession(), request.appType(), request.transferMethod(), portcullis);
            Evaluation evaluation = portcullis.policies().evaluate(built.signIn());
            if (!(evaluation.decision() instanceof Decision.Allow)) {
                throw new TokenRefusal(session, portcullis).ofUser(request, built, evaluation);
            }
        }
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }
}
