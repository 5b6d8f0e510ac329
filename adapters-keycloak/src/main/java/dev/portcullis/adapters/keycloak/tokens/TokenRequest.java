package dev.portcullis.adapters.keycloak.tokens;

import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.TransferMethod;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * A request for tokens on behalf of a user that no login flow evaluates: what Conditional Access
 * judges at the token endpoint.
 *
 * @param grant how the tokens are asked for, as the sign-in log and the error name it ({@code refresh_token}, ...)
 * @param userSession the session the tokens would continue, empty when the grant has none yet
 * @param applications the clients the tokens would be good for: the requester, and for a token exchange the audiences
 * @param appType the client app type of this grant, or empty for the one the session's login had
 * @param transferMethod how the sign-in was handed to the requesting device (Entra's authentication flows)
 */
record TokenRequest(String grant, UserModel user, Optional<UserSessionModel> userSession, List<ClientModel> applications,
        Optional<ClientAppType> appType, TransferMethod transferMethod) {

    TokenRequest {
        applications = List.copyOf(applications);
    }

    TokenRequest(String grant, UserModel user, Optional<UserSessionModel> userSession, List<ClientModel> applications,
            Optional<ClientAppType> appType) {
        this(grant, user, userSession, applications, appType, TransferMethod.NONE);
    }
}
