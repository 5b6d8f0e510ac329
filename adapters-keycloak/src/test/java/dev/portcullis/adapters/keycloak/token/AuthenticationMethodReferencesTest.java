package dev.portcullis.adapters.keycloak.token;

import static dev.portcullis.core.method.AuthenticationMethod.PASSKEY;
import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.PUSH;
import static dev.portcullis.core.method.AuthenticationMethod.RECOVERY_CODE;
import static dev.portcullis.core.method.AuthenticationMethod.SECURITY_KEY;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.method.AuthenticationMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationMethodReferencesTest {

    @Test
    void aPasswordAloneIsNotMfa() {
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSWORD))).containsExactly("pwd");
    }

    @Test
    void aPasswordAndASecondFactorAreMfa() {
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSWORD, TOTP))).containsExactly("otp", "pwd", "mfa");
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSWORD, PUSH))).containsExactly("pwd", "swk", "mfa");
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSWORD, RECOVERY_CODE))).containsExactly("otp", "pwd", "mfa");
    }

    @Test
    void webAuthnIsProofOfAHardwareKeyAndMfaOnItsOwn() {
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSKEY))).containsExactly("hwk", "mfa");
        assertThat(AuthenticationMethodReferences.of(Set.of(PASSWORD, SECURITY_KEY))).containsExactly("hwk", "pwd", "mfa");
    }

    @Test
    void aSecondFactorWithoutTheFirstIsNotMfa() {
        assertThat(AuthenticationMethodReferences.of(Set.of(TOTP))).containsExactly("otp");
        assertThat(AuthenticationMethodReferences.of(Set.of(PUSH))).containsExactly("swk");
    }

    @Test
    void nothingProvenIsNoClaim() {
        assertThat(AuthenticationMethodReferences.of(Set.<AuthenticationMethod>of())).isEmpty();
    }
}
