package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.Set;

/**
 * Tokens as Keycloak issues them to the control plane's callers, signed with the tests' key: the
 * control plane's audience, a person's {@code amr} from Portcullis' mapper, or an application's
 * {@code client_id} from the client-credentials grant.
 */
final class TestTokens {

    static final String ISSUER = "https://portcullis.test";
    static final String AUDIENCE = "portcullis-control-plane";
    /** What a password and an authenticator app prove (RFC 8176). */
    static final List<String> MFA = List.of("otp", "pwd", "mfa");
    static final List<String> PASSWORD_ONLY = List.of("pwd");

    private TestTokens() {}

    /** The usual holder of a role: a person who signed in with MFA (administrators, readers, the service desk), else an application. */
    static String of(String role) {
        return Set.of(Roles.ADMIN, Roles.READER, Roles.HELPDESK).contains(role) ? person(MFA, role) : application(role);
    }

    /** A request sent with the token of the usual holder of {@code role}. */
    static RequestSpecification as(String role) {
        return given().auth().oauth2(of(role));
    }

    static String person(List<String> amr, String... roles) {
        return claims(roles).claim("amr", amr).sign();
    }

    /** Keycloak's client-credentials token: its service account, with {@code client_id} and no {@code amr}. */
    static String application(String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("service-account-automation").claim("azp", "automation")
                .claim("client_id", "automation").groups(Set.of(roles)).sign();
    }

    /** A person's token before signing, to vary (expiry, issuer, audience). */
    static JwtClaimsBuilder claims(String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("alice@example.test").claim("azp", "portcullis-cli")
                .groups(Set.of(roles));
    }
}
