package dev.portcullis.adapters.keycloak.push;

import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * "No, it's not me, and report it": the user says someone else has their password. Pushes are
 * muted for the user, every session of the user ends, and the sign-in goes into the sign-in log as
 * a blocked high-risk sign-in with the reason {@code userReportedSuspiciousActivity} (Entra's name
 * for this detection). From that record the control plane raises the high-risk alert (its signed
 * webhook) and sets the user's risk to high; nodes enforce it from the next snapshot.
 */
final class ReportedSignIn {

    private static final Logger LOG = Logger.getLogger(ReportedSignIn.class);

    private ReportedSignIn() {}

    static void report(KeycloakSession session, RealmModel realm, UserModel user, Challenge challenge, PushStore store,
            Instant now) {
        store.mute(realm.getId(), user.getId(), "reported");
        List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : sessions) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
        }
        Challenge.SignInContext context = challenge.context();
        SignInRecord record = new SignInRecord(UUID.randomUUID().toString(), challenge.createdAt(), realm.getName(),
                user.getId(), context.clientId(), ClientAppType.BROWSER,
                Optional.of(context.ipAddress()).filter(ip -> !ip.isBlank()), context.country(),
                Arrays.stream(DevicePlatform.values()).filter(p -> p.graphName().equals(context.platform())).findFirst(),
                RiskLevel.HIGH, "block",
                List.of("Portcullis push approval: the user denied this sign-in on their phone and reported it"),
                List.of(), List.of(UserRiskAssessor.USER_REPORTED_SUSPICIOUS_ACTIVITY + ": the user denied a push for this sign-in and reported it"),
                Optional.empty());
        PortcullisProvider portcullis = session.getProvider(PortcullisProvider.class);
        if (portcullis != null) {
            portcullis.signIns().record(() -> record);
        }
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.LOGIN_ERROR)
                .user(user).client(context.clientId()).detail("portcullis_push", "reported")
                .detail("portcullis_sign_in", record.id()).error("portcullis_push_reported");
        LOG.warnf("event=portcullis_push_reported realm=%s user=%s challenge=%s ip=%s sessions_ended=%d sign_in=%s",
                realm.getName(), user.getId(), challenge.id(), context.ipAddress(), sessions.size(), record.id());
    }
}
