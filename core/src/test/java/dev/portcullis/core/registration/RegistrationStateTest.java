package dev.portcullis.core.registration;

import static dev.portcullis.core.method.AuthenticationMethod.PASSKEY;
import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.PUSH;
import static dev.portcullis.core.method.AuthenticationMethod.RECOVERY_CODE;
import static dev.portcullis.core.method.AuthenticationMethod.SECURITY_KEY;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;
import static dev.portcullis.core.method.AuthenticationStrength.MFA;
import static dev.portcullis.core.method.AuthenticationStrength.PHISHING_RESISTANT_MFA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationStateTest {

    @Test
    void aPasswordOnlyUserMayRegisterAnySecondFactorButRecoveryCodes() {
        RegistrationState passwordOnly = RegistrationState.of(PASSWORD);

        assertThat(passwordOnly.canSatisfy(MFA)).isFalse();
        assertThat(passwordOnly.registrationOptions(MFA)).containsExactlyInAnyOrder(TOTP, PUSH, SECURITY_KEY, PASSKEY);
    }

    @Test
    void withNothingRegisteredOnlyMethodsThatWorkAloneAreOptions() {
        assertThat(RegistrationState.nothing().registrationOptions(MFA)).containsExactlyInAnyOrder(SECURITY_KEY, PASSKEY);
        assertThat(RegistrationState.nothing().registered()).isEmpty();
    }

    @Test
    void noOptionsWhenTheStrengthCanAlreadyBeMet() {
        RegistrationState withTotp = RegistrationState.of(PASSWORD, TOTP);

        assertThat(withTotp.canSatisfy(MFA)).isTrue();
        assertThat(withTotp.registrationOptions(MFA)).isEmpty();
    }

    @Test
    void phishingResistantOptionsAreKeysAndPasskeys() {
        RegistrationState withTotp = RegistrationState.of(PASSWORD, TOTP, RECOVERY_CODE);

        assertThat(withTotp.canSatisfy(PHISHING_RESISTANT_MFA)).isFalse();
        assertThat(withTotp.registrationOptions(PHISHING_RESISTANT_MFA)).containsExactlyInAnyOrder(SECURITY_KEY, PASSKEY);
    }

    @Test
    void noOptionsWhenNoSingleRegistrationWouldDo() {
        AuthenticationStrength totpAndPush = new AuthenticationStrength("two", "TOTP and push", "",
                Set.of(MethodCombination.of(PASSWORD, TOTP, PUSH)), false);
        AuthenticationStrength recoveryOnly = new AuthenticationStrength("rc", "Recovery code", "",
                Set.of(MethodCombination.of(PASSWORD, RECOVERY_CODE)), false);

        assertThat(RegistrationState.of(PASSWORD).registrationOptions(totpAndPush)).isEmpty();
        assertThat(RegistrationState.of(PASSWORD, TOTP).registrationOptions(totpAndPush)).containsExactly(PUSH);
        assertThat(RegistrationState.of(PASSWORD).registrationOptions(recoveryOnly))
                .as("recovery codes are never offered").isEmpty();
    }

    @Test
    void hasAndEquality() {
        assertThat(RegistrationState.of(TOTP, PASSWORD).has(TOTP)).isTrue();
        assertThat(RegistrationState.of(TOTP, PASSWORD).has(PASSKEY)).isFalse();
        assertThat(RegistrationState.of(TOTP, PASSWORD)).isEqualTo(RegistrationState.of(PASSWORD, TOTP));
    }
}
