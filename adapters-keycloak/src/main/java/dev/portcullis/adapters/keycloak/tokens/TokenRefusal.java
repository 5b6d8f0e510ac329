package dev.portcullis.adapters.keycloak.tokens;

import dev.portcullis.adapters.keycloak.authenticator.BlockNotice;
import dev.portcullis.adapters.keycloak.signin.KeycloakSignIn;
import dev.portcullis.adapters.keycloak.signin.SignInCorrelation;
import dev.portcullis.adapters.keycloak.spi.PortcullisProvider;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * What refusing a token request does: ends the user session the tokens belong to (every session of
 * the user, online and offline, and every token issued so far, when a policy blocks or the user's
 * risk is high), ships a sign-in record saying what was refused, and tells the requester the ids of
 * that record, never the policy.
 */
final class TokenRefusal {

    private static final Logger LOG = Logger.getLogger(TokenRefusal.class);

    private final KeycloakSession session;
    private final PortcullisProvider portcullis;

    TokenRefusal(KeycloakSession session, PortcullisProvider portcullis) {
        this.session = session;
        this.portcullis = portcullis;
    }

    /** A user's token request that the evaluation did not allow. */
    ClientPolicyException ofUser(TokenRequest request, KeycloakSignIn.Built built, Evaluation evaluation) {
        RealmModel realm = realm();
        Decision decision = evaluation.decision();
        boolean everywhere = decision instanceof Decision.Block || built.signIn().userRisk() == RiskLevel.HIGH;
        int ended = everywhere ? endEverySession(realm, request.user()) : endSession(realm, request.userSession());
        String sessions = everywhere ? "ended all " + ended + " sessions of the user and revoked their tokens"
                : ended == 1 ? "ended this session" : "no session to end";
        BlockNotice notice = ship(built, evaluation, request.userSession(),
                "token request refused: " + request.grant() + "; " + sessions);
        LOG.infof("event=portcullis_token_refused realm=%s grant=%s user=%s client=%s decision=%s sessions_ended=%d"
                + " request_id=%s", realm.getName(), request.grant(), request.user().getId(), notice.application(),
                decision.result(), ended, notice.requestId());
        // Which policies, and why, are in the sign-in log under the request id; the client is told no internals.
        return new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "Conditional Access refused this "
                + request.grant() + " request for " + notice.application() + " (" + decision.result() + "). Portcullis "
                + sessions + "; sign in again. " + notice.quote());
    }

    /** A workload identity's token request that the evaluation did not allow: it has no session to end. */
    ClientPolicyException ofWorkload(ClientModel client, String grant, KeycloakSignIn.Built built, Evaluation evaluation) {
        BlockNotice notice = ship(built, evaluation, Optional.empty(), "token request refused: " + grant);
        LOG.infof("event=portcullis_token_refused realm=%s grant=%s workload=%s decision=%s request_id=%s",
                realm().getName(), grant, client.getClientId(), evaluation.decision().result(), notice.requestId());
        return new ClientPolicyException(OAuthErrorException.UNAUTHORIZED_CLIENT, "Conditional Access refused this "
                + grant + " request for workload identity " + client.getClientId() + " ("
                + evaluation.decision().result() + "). " + notice.quote());
    }

    /** A request that names no user or client Portcullis could evaluate. */
    static ClientPolicyException unevaluable(String what) {
        return new ClientPolicyException(OAuthErrorException.INVALID_GRANT,
                "Conditional Access cannot evaluate " + what + ", so Portcullis refuses it");
    }

    /**
     * Ships the sign-in record of a refused token request, correlated with the login that made its
     * session, and returns what the requester is told.
     */
    private BlockNotice ship(KeycloakSignIn.Built built, Evaluation evaluation, Optional<UserSessionModel> userSession,
            String refusal) {
        String id = UUID.randomUUID().toString();
        String correlationId = SignInCorrelation.of(userSession);
        String realm = realm().getName();
        portcullis.signIns().record(() -> SignInRecord.of(id, realm, built.signIn(), evaluation, built.risk())
                .withDecisionDetail(refusal).withCorrelationId(correlationId));
        return BlockNotice.of(built.signIn(), id, correlationId);
    }

    /** Every session, online and offline, and every token issued before now (Keycloak's "sign out" of a user). */
    private int endEverySession(RealmModel realm, UserModel user) {
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        online.forEach(s -> AuthenticationManager.backchannelLogout(session, s, true));
        offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        return online.size() + offline.size();
    }

    private int endSession(RealmModel realm, Optional<UserSessionModel> userSession) {
        if (userSession.isEmpty()) {
            return 0;
        }
        if (userSession.get().isOffline()) {
            session.sessions().removeOfflineUserSession(realm, userSession.get());
        } else {
            AuthenticationManager.backchannelLogout(session, userSession.get(), true);
        }
        return 1;
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }
}
