package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.adapters.keycloak.PortcullisEngine;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.port.out.IpGeolocationPort.IpGeolocation;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.SignInFacts;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.TransferMethod;
import dev.portcullis.core.signin.UserIdentity;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.x509.X509ClientCertificateLookup;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel;

/**
 * Builds the core's {@link SignIn} from what Keycloak knows about the login under way, and the
 * risk facts that go with it. Everything is read from the flow context; nothing is kept.
 */
public final class KeycloakSignIn {

    /** The sign-in, the risk behind its level, and the facts to remember if it succeeds. */
    public record Built(SignIn signIn, RiskAssessment risk, SignInFacts facts) {}

    private KeycloakSignIn() {}

    public static Built build(AuthenticationFlowContext context, PortcullisEngine engine, ClientAppType appType) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        ClientModel client = authSession.getClient();
        Instant now = Instant.now();
        Instant started = Instant.ofEpochSecond(authSession.getParentSession().getTimestamp());

        Optional<IpAddress> ip = IpAddress.parse(context.getConnection().getRemoteAddr());
        IpGeolocation where = engine.locate(ip);
        String userAgent = context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        SignInFacts facts = new SignInFacts(now, ip, where.country(), where.position());
        RiskAssessment risk = engine.riskScorer().assess(facts, SignInHistory.history(
                user.getAttributeStream(SignInHistory.ATTRIBUTE).toList(),
                user.getFirstAttribute(SignInHistory.TIME_ZONE_ATTRIBUTE)));

        List<SatisfiedMethod> satisfied = new ArrayList<>(previousSession(session, realm, user));
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

        SignIn signIn = SignIn.builder(user.getId(), started)
                .user(identity(session, realm, user))
                .target(new Target.Application(client.getClientId(), engine.isAdminPortal(client.getClientId())))
                .clientAppType(appType)
                .ipAddress(ip)
                .country(where.country().orElse(null))
                .platform(UserAgentPlatform.of(userAgent).orElse(null))
                .device(device(context, engine, now))
                .signInRisk(risk.level())
                .userRisk(engine.userRisk(user.getId()))
                .satisfiedMethods(satisfied)
                .registration(registration(user))
                .passwordChangedAt(passwordChangedAt(user))
                .transferMethod(transferMethod(authSession))
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

    private static UserIdentity identity(KeycloakSession session, RealmModel realm, UserModel user) {
        Set<String> groups = new HashSet<>();
        user.getGroupsStream().forEach(group -> {
            // Ids and paths both name a group, so a policy may use either; parents count (transitive).
            for (GroupModel g = group; g != null; g = g.getParent()) {
                groups.add(g.getId());
                groups.add(path(g));
            }
        });
        Set<String> roles = new HashSet<>();
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(user)) {
            roles.add(role.isClientRole()
                    ? ((ClientModel) role.getContainer()).getClientId() + "/" + role.getName()
                    : role.getName());
        }
        boolean external = session.users().getFederatedIdentitiesStream(realm, user).findAny().isPresent()
                || "true".equalsIgnoreCase(user.getFirstAttribute("portcullis.guest"));
        return new UserIdentity(user.getId(), groups, roles, external);
    }

    private static String path(GroupModel group) {
        return group.getParent() == null ? "/" + group.getName() : path(group.getParent()) + "/" + group.getName();
    }

    private static RegistrationState registration(UserModel user) {
        Set<AuthenticationMethod> registered = EnumSet.noneOf(AuthenticationMethod.class);
        user.credentialManager().getStoredCredentialsStream().forEach(credential -> {
            for (AuthenticationMethod method : AuthenticationMethod.values()) {
                if (method.keycloakCredentialType().equals(credential.getType())) {
                    registered.add(method);
                }
            }
        });
        return new RegistrationState(registered);
    }

    /** When the password was last set: it satisfies a password-change control and remediates user risk. */
    private static Instant passwordChangedAt(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate).filter(java.util.Objects::nonNull).max(Long::compare)
                .map(Instant::ofEpochMilli).orElse(null);
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

    private static DeviceState device(AuthenticationFlowContext context, PortcullisEngine engine, Instant now) {
        X509ClientCertificateLookup lookup = context.getSession().getProvider(X509ClientCertificateLookup.class);
        if (lookup == null) {
            return DeviceState.UNKNOWN;
        }
        try {
            X509Certificate[] chain = lookup.getCertificateChain(context.getHttpRequest());
            return engine.deviceState(chain, now);
        } catch (Exception e) {
            return DeviceState.UNKNOWN;
        }
    }
}
