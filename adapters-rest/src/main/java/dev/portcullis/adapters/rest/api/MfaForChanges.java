package dev.portcullis.adapters.rest.api;

import jakarta.annotation.Priority;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Enforces {@link RequiresMfa}, after the roles were checked. Admitted: a token whose {@code amr}
 * says {@code mfa} (Portcullis' amr mapper writes it from what Conditional Access saw the sign-in
 * prove), or an application token (Keycloak's client-credentials token: it carries {@code client_id},
 * which no user's sign-in does) holding an application role. Anything else, a person's token from a
 * password-only sign-in included, is refused with 403 problem details and an RFC 9470
 * {@code insufficient_user_authentication} challenge; nothing is changed.
 */
@Provider
@RequiresMfa
@Priority(Priorities.AUTHORIZATION + 10)
public class MfaForChanges implements ContainerRequestFilter {

    static final String DETAIL = "this change needs a sign-in that proved MFA; sign in again with MFA";
    private static final Set<String> APPLICATION_ROLES = Set.of(Roles.AUTOMATION, Roles.DEVICE_MANAGER);
    private static final Logger LOG = Logger.getLogger(MfaForChanges.class);

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            return; // no token: the role check has answered 401 already
        }
        List<String> amr = strings(token.getClaim("amr"));
        if (amr.contains("mfa") || isApplication(token)) {
            return;
        }
        LOG.infof("event=change_refused reason=no_mfa principal=%s method=%s path=%s amr=%s", token.getName(),
                request.getMethod(), request.getUriInfo().getPath(), String.join(" ", amr));
        Response problem = Problem.insufficientAuthentication(DETAIL, List.of("mfa"), amr);
        request.abortWith(Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_user_authentication\", error_description=\"" + DETAIL + "\"").build());
    }

    private static boolean isApplication(JsonWebToken token) {
        return token.containsClaim("client_id") && token.getGroups().stream().anyMatch(APPLICATION_ROLES::contains);
    }

    /** A claim of strings, however the JWT library hands it over (a JSON array or a collection). */
    private static List<String> strings(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
