package dev.portcullis.core.method;

import static dev.portcullis.core.method.AuthenticationMethod.PASSKEY;
import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.PUSH;
import static dev.portcullis.core.method.AuthenticationMethod.RECOVERY_CODE;
import static dev.portcullis.core.method.AuthenticationMethod.SECURITY_KEY;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;
import static dev.portcullis.core.method.AuthenticationStrength.MFA;
import static dev.portcullis.core.method.AuthenticationStrength.PASSWORDLESS_MFA;
import static dev.portcullis.core.method.AuthenticationStrength.PHISHING_RESISTANT_MFA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationStrengthTest {

    private static AuthenticationStrength custom(MethodCombination... combinations) {
        return new AuthenticationStrength("custom", "Custom", "", Set.of(combinations), false);
    }

    @Test
    void satisfiedByAnyAllowedCombination() {
        assertThat(MFA.isSatisfiedBy(EnumSet.of(PASSWORD, TOTP))).isTrue();
        assertThat(MFA.isSatisfiedBy(EnumSet.of(PASSKEY))).isTrue();
        assertThat(MFA.isSatisfiedBy(EnumSet.of(PASSWORD))).isFalse();
        assertThat(MFA.isSatisfiedBy(EnumSet.of(TOTP))).as("a second factor alone is not MFA").isFalse();
        assertThat(MFA.isSatisfiedBy(EnumSet.of(PASSWORD, RECOVERY_CODE))).isTrue();
        assertThat(PHISHING_RESISTANT_MFA.isSatisfiedBy(EnumSet.of(PASSWORD, TOTP, PUSH))).isFalse();
        assertThat(PHISHING_RESISTANT_MFA.isSatisfiedBy(EnumSet.of(PASSWORD, SECURITY_KEY))).isTrue();
        assertThat(PASSWORDLESS_MFA.isSatisfiedBy(Set.of())).isFalse();
    }

    @Test
    void strongerBuiltInsImplyWeakerOnes() {
        assertThat(PHISHING_RESISTANT_MFA.implies(MFA)).isTrue();
        assertThat(PASSWORDLESS_MFA.implies(MFA)).isTrue();
        assertThat(MFA.implies(PHISHING_RESISTANT_MFA)).isFalse();
        assertThat(MFA.implies(PASSWORDLESS_MFA)).isFalse();
        for (AuthenticationStrength strength : AuthenticationStrength.BUILT_IN) {
            assertThat(strength.implies(strength)).as(strength.displayName()).isTrue();
        }
    }

    @Test
    void impliesComparesWhatTheCombinationsActuallyRequire() {
        AuthenticationStrength passwordAndTotp = custom(MethodCombination.of(PASSWORD, TOTP));
        AuthenticationStrength totpAndPush = custom(MethodCombination.of(PASSWORD, TOTP, PUSH));
        AuthenticationStrength totpOrKey = custom(MethodCombination.of(PASSWORD, TOTP), MethodCombination.of(SECURITY_KEY));

        assertThat(passwordAndTotp.implies(MFA)).isTrue();
        assertThat(MFA.implies(passwordAndTotp)).isFalse();
        assertThat(totpAndPush.implies(passwordAndTotp)).as("a superset of methods still satisfies").isTrue();
        assertThat(passwordAndTotp.implies(totpAndPush)).isFalse();
        assertThat(totpOrKey.implies(passwordAndTotp)).as("the security key alternative escapes").isFalse();
        assertThat(totpOrKey.implies(MFA)).isTrue();
    }

    @Test
    void methodsListsEveryMethodOfEveryCombination() {
        assertThat(PASSWORDLESS_MFA.methods()).containsExactlyInAnyOrder(PASSKEY, SECURITY_KEY);
        assertThat(MFA.methods()).containsExactlyInAnyOrder(PASSWORD, TOTP, PUSH, PASSKEY, SECURITY_KEY, RECOVERY_CODE);
    }

    @Test
    void combinationsAreNeverEmptyAndPrintAsGraphDoes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MethodCombination(Set.of()));
        assertThat(MethodCombination.of(TOTP, PASSWORD).toString()).isEqualTo("password,totp");
    }

    @Test
    void builtInIdsAreEntras() {
        assertThat(AuthenticationStrength.BUILT_IN).extracting(AuthenticationStrength::id).containsExactly(
                "00000000-0000-0000-0000-000000000002",
                "00000000-0000-0000-0000-000000000003",
                "00000000-0000-0000-0000-000000000004");
        assertThat(AuthenticationStrength.BUILT_IN).allMatch(AuthenticationStrength::builtIn);
    }

    @Test
    void onlyUsableFirstMethodsAreOfferedForRegistration() {
        assertThat(EnumSet.allOf(AuthenticationMethod.class).stream().filter(AuthenticationMethod::offeredForRegistration))
                .containsExactlyInAnyOrder(TOTP, SECURITY_KEY, PASSKEY, PUSH);
        assertThat(TOTP.keycloakCredentialType()).isEqualTo("otp");
        assertThat(PASSKEY.keycloakCredentialType()).isEqualTo("webauthn-passwordless");
    }
}
