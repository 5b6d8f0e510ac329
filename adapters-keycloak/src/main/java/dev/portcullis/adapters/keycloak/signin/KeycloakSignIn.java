package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.port.out.IpGeolocationPort.IpGeolocation;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.SignInFacts;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.TransferMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.http.HttpRequest;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel;

/**
 * Builds the core's {@link SignIn} from what Keycloak knows, and the risk facts that go with it:
 * for a login under way in a flow, or for a token request made later on a user session (refresh,
 * token exchange, device and CIBA grants). Everything is read from Keycloak; the only thing kept is
 * the login's {@link SessionOrigin}, noted for the user session the login makes.
 */
public final class KeycloakSignIn {

    /** The sign-in, the risk behind its level, and the facts to remember if it succeeds. */
    public record Built(SignIn signIn, RiskAssessment risk, SignInFacts facts) {}

    /** What one sign-in is about, however it arrived. */
    private record Attempt(UserModel user, ClientModel client, ClientAppType appType, Target target, Instant started,
            List<SatisfiedMethod> satisfied, SignInPlace where, boolean arrivingThroughBroker, TransferMethod transferMethod) {}

    private KeycloakSignIn() {}

    /**
     * What a login under way offers to read: the flow's context while authenticating, or a required
     * action's once the flow is done.
     */
    public record Login(KeycloakSession session, RealmModel realm, UserModel user,
            AuthenticationSessionModel authSession, ClientConnection connection, HttpRequest request) {

        public static Login of(AuthenticationFlowContext context) {
            return new Login(context.getSession(), context.getRealm(), context.getUser(),
                    context.getAuthenticationSession(), context.getConnection(), context.getHttpRequest());
        }

        public static Login of(RequiredActionContext context) {
            return new Login(context.getSession(), context.getRealm(), context.getUser(),
                    context.getAuthenticationSession(), context.getConnection(), context.getHttpRequest());
        }
    }

    public static Built build(AuthenticationFlowContext context, PortcullisProvider portcullis, ClientAppType appType) {
        return build(Login.of(context), portcullis, appType, Target.application(context.getAuthenticationSession()
                .getClient().getClientId()), List.of());
    }

    /**
     * A login under way; also notes its origin for the user session it makes.
     *
     * @param target the client being signed in to, or a user action such as registering security info
     * @param provenOutsideTheFlow methods this login proved that no flow execution shows (a method
     *     registered in this login, whose registration ceremony proved it)
     */
    public static Built build(Login login, PortcullisProvider portcullis, ClientAppType appType, Target target,
            List<SatisfiedMethod> provenOutsideTheFlow) {
        KeycloakSession session = login.session();
        RealmModel realm = login.realm();
        UserModel user = login.user();
        AuthenticationSessionModel authSession = login.authSession();
        Instant now = keycloakNow();
        Instant started = Instant.ofEpochSecond(authSession.getParentSession().getTimestamp());

        List<SatisfiedMethod> satisfied = new ArrayList<>(previousSession(session, realm, user));
        satisfied.addAll(provenOutsideTheFlow);
        for (Map.Entry<String, CommonClientSessionModel.ExecutionStatus> status : authSession.getExecutionStatus().entrySet()) {
            if (status.getValue() != CommonClientSessionModel.ExecutionStatus.SUCCESS) {
                continue;
            }
            AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(status.getKey());
            if (execution != null && execution.getAuthenticator() != null) {
                SatisfiedMethods.ofAuthenticator(execution.getAuthenticator())
                        .ifPresent(method -> satisfied.add(new SatisfiedMethod(method, now)));
            }
        }
        // In the first-broker-login flow the identity provider's link is made only after the flow.
        boolean brokered = authSession.getAuthNote(AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE) != null;
        SignInPlace where = SignInPlace.ofLogin(login, portcullis, now);
        Built built = build(session, realm, new Attempt(user, authSession.getClient(), appType, target, started,
                satisfied, where, brokered, transferMethod(authSession)), now, portcullis);
        authSession.setUserSessionNote(SessionOrigin.NOTE, SessionOrigin.of(built.signIn()).format());
        return built;
    }

    /**
     * A token request for a user, judged now on what the user session proved ({@link SatisfiedMethods}).
     * Where the user is depends on who asks: a public client runs on the user's device, so its address,
     * platform and certificate count; a confidential client's server is not the user, so the origin of the
     * session's login counts. A device proven earlier is looked up again, so one that stopped being
     * compliant stops counting.
     *
     * @param appType the client app type of this grant, or empty for the one the session's login had
     *     (legacy authentication stays legacy; otherwise as the browser flow classifies the client)
     * @param transferMethod how the session was handed to this client ({@code deviceCodeFlow} for the
     *     device's own token request)
     */
    public static Built forTokenRequest(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client,
            Optional<UserSessionModel> userSession, Optional<ClientAppType> appType, TransferMethod transferMethod,
            PortcullisProvider portcullis) {
        Instant now = keycloakNow();
        Optional<SessionOrigin> origin = userSession.flatMap(s -> SessionOrigin.parse(s.getNote(SessionOrigin.NOTE)));
        List<SatisfiedMethod> satisfied = userSession.map(s -> SatisfiedMethods.parse(s.getNote(SatisfiedMethods.NOTE)))
                .orElse(List.of());
        DeviceState notedDevice = portcullis.signals().deviceState(origin.flatMap(SessionOrigin::deviceId), now);
        SignInPlace where;
        if (client.isPublicClient() || userSession.isEmpty()) {
            SignInPlace request = SignInPlace.ofRequest(session, portcullis, now);
            where = request.device() instanceof DeviceState.Known ? request
                    : new SignInPlace(request.ip(), request.platform(), notedDevice);
        } else {
            Optional<IpAddress> ip = origin.flatMap(SessionOrigin::ipAddress)
                    .or(() -> IpAddress.parse(userSession.get().getIpAddress()));
            where = new SignInPlace(ip, origin.flatMap(SessionOrigin::platform), notedDevice);
        }
        ClientAppType type = appType.orElseGet(() -> origin.map(SessionOrigin::appType)
                .filter(ClientAppType::isLegacy).orElseGet(() -> browserFlowAppType(client)));
        return build(session, realm, new Attempt(user, client, type, Target.application(client.getClientId()), now,
                satisfied, where, false, transferMethod), now, portcullis);
    }

    /**
     * A client signing in as itself with the client-credentials grant: Entra's workload identity, named
     * by its client id, from the address the request comes from. No user, so user policies never apply
     * and only {@code clientApplications} policies do; the application is the client itself.
     */
    public static Built forWorkload(KeycloakSession session, ClientModel client, PortcullisProvider portcullis) {
        Instant now = keycloakNow();
        SignInPlace where = SignInPlace.ofRequest(session, portcullis, now);
        IpGeolocation located = portcullis.signals().locate(where.ip());
        SignInFacts facts = new SignInFacts(now, where.ip(), located.country(), located.position());
        UserModel account = session.users().getServiceAccount(client);
        String clientId = client.getClientId();
        SignIn signIn = SignIn.builder(account == null ? "service-account-" + clientId : account.getId(), now)
                .target(new Target.Application(clientId, portcullis.clients().isAdminPortal(clientId)))
                .clientAppType(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)
                .ipAddress(where.ip())
                .country(located.country().orElse(null))
                .platform(where.platform().orElse(null))
                .device(where.device())
                .workloadIdentity(clientId)
                .build();
        // Sign-in risk is a user's (unfamiliar place, impossible travel); Entra scores workloads apart, and so far nothing here does.
        return new Built(signIn, new RiskAssessment(RiskLevel.UNKNOWN, List.of()), facts);
    }

    /**
     * Keycloak's clock, the one its sessions, codes and one-time passwords are judged by: a method's
     * age (sign-in frequency) is measured on the same clock as the session that remembers it.
     */
    private static Instant keycloakNow() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    private static Built build(KeycloakSession session, RealmModel realm, Attempt attempt, Instant now,
            PortcullisProvider portcullis) {
        UserModel user = attempt.user();
        SignInPlace where = attempt.where();
        IpGeolocation located = portcullis.signals().locate(where.ip());
        SignInFacts facts = new SignInFacts(now, where.ip(), located.country(), located.position());
        RiskAssessment risk = portcullis.signals().riskScorer().assess(facts, SignInHistory.history(
                user.getAttributeStream(SignInHistory.ATTRIBUTE).toList(),
                user.getFirstAttribute(SignInHistory.TIME_ZONE_ATTRIBUTE)));
        String clientId = attempt.client().getClientId();
        SignIn signIn = SignIn.builder(user.getId(), attempt.started())
                .user(UserFacts.identity(session, realm, user, attempt.arrivingThroughBroker()))
                .target(attempt.target() instanceof Target.Application
                        ? new Target.Application(clientId, portcullis.clients().isAdminPortal(clientId))
                        : attempt.target())
                .clientAppType(attempt.appType())
                .ipAddress(where.ip())
                .country(located.country().orElse(null))
                .platform(where.platform().orElse(null))
                .device(where.device())
                .signInRisk(risk.level())
                .userRisk(portcullis.signals().userRisk(user.getId()))
                .satisfiedMethods(attempt.satisfied())
                .registration(UserFacts.registration(user)
                        .withTemporaryAccessPass(portcullis.signals().temporaryAccessPassUsable(user.getId(), now)))
                .passwordChangedAt(UserFacts.passwordChangedAt(user))
                .transferMethod(attempt.transferMethod())
                .build();
        return new Built(signIn, risk, facts);
    }

    /**
     * The device code flow (RFC 8628): Keycloak runs the browser flow for the user who approves a device
     * with its user code, and marks that authentication session with the verified code. Entra's
     * {@code authenticationFlows: deviceCodeFlow} targets exactly this sign-in. (The device's own token
     * request, {@code DEVICE_TOKEN_REQUEST}, is a client-policy event, evaluated by an executor.)
     */
    public static TransferMethod transferMethod(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE) != null
                ? TransferMethod.DEVICE_CODE_FLOW : TransferMethod.NONE;
    }

    /** Browser flow: a public client whose redirect URIs are all native-app style is a desktop/mobile app. */
    public static ClientAppType browserFlowAppType(ClientModel client) {
        if (!client.isPublicClient() || client.getRedirectUris().isEmpty()) {
            return ClientAppType.BROWSER;
        }
        boolean nativeApp = client.getRedirectUris().stream().allMatch(uri ->
                !(uri.startsWith("http://") || uri.startsWith("https://") || uri.startsWith("/") || uri.equals("*")
                        || uri.startsWith("+"))
                        || uri.startsWith("http://127.0.0.1") || uri.startsWith("http://[::1]"));
        return nativeApp ? ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS : ClientAppType.BROWSER;
    }

    /** Methods of the SSO session this login continues, if any: an SSO login keeps what it proved. */
    private static List<SatisfiedMethod> previousSession(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (cookie == null || cookie.session() == null || !cookie.user().getId().equals(user.getId())) {
            return List.of();
        }
        UserSessionModel userSession = cookie.session();
        return SatisfiedMethods.parse(userSession.getNote(SatisfiedMethods.NOTE));
    }
}
