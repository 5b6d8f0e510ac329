package dev.portcullis.app;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.Set;

/** Tokens for the control plane's tests, signed with the key the test run configures. */
public final class ControlPlaneTokens {

    private ControlPlaneTokens() {}

    /** A person's token as Keycloak issues it for the control plane: its audience, and the MFA the sign-in proved. */
    public static JwtClaimsBuilder person(String upn, String role) {
        return Jwt.issuer("https://portcullis.test").audience("portcullis-control-plane").upn(upn)
                .groups(Set.of(role)).claim("amr", List.of("otp", "pwd", "mfa"));
    }

    /** The signed token of the tests' one person, {@code admin@example.test}, holding {@code role}. */
    public static String token(String role) {
        return person("admin@example.test", role).sign();
    }
}
