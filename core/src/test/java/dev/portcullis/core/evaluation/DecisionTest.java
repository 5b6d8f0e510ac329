package dev.portcullis.core.evaluation;

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

import dev.portcullis.core.evaluation.Decision.AuthenticationRequirement;
import dev.portcullis.core.evaluation.Decision.RegistrationRequirement;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static AuthenticationRequirement requires(String policyId, AuthenticationStrength strength) {
        return new AuthenticationRequirement(policyId, strength, Instant.MIN);
    }

    private static Decision.RequireControls requireControls(AuthenticationRequirement... requirements) {
        return new Decision.RequireControls(List.of(requirements), List.of());
    }

    @Test
    void strengthsDropThoseAStricterOneImplies() {
        Decision.RequireControls require = requireControls(
                requires("a", MFA), requires("b", PHISHING_RESISTANT_MFA), requires("c", MFA));

        assertThat(require.strengths()).containsExactly(PHISHING_RESISTANT_MFA);
    }

    @Test
    void strengthsKeepIncomparableOnesAndEquivalentOnes() {
        AuthenticationStrength totpOnly = new AuthenticationStrength("totp", "TOTP", "",
                Set.of(MethodCombination.of(PASSWORD, TOTP)), false);

        assertThat(requireControls(requires("a", totpOnly), requires("b", PHISHING_RESISTANT_MFA)).strengths())
                .containsExactlyInAnyOrder(totpOnly, PHISHING_RESISTANT_MFA);
        // Phishing-resistant and passwordless MFA accept the same sign-ins: neither is dropped.
        assertThat(requireControls(requires("a", PASSWORDLESS_MFA), requires("b", PHISHING_RESISTANT_MFA)).strengths())
                .containsExactlyInAnyOrder(PASSWORDLESS_MFA, PHISHING_RESISTANT_MFA);
        assertThat(requireControls(requires("a", MFA)).strengths()).containsExactly(MFA);
        assertThat(new Decision.RequireControls(List.of(), List.of("p")).strengths()).isEmpty();
    }

    @Test
    void singleStepOptionsMeetEveryRequirementAtOnce() {
        Decision.RequireControls require = requireControls(requires("a", MFA), requires("b", PHISHING_RESISTANT_MFA));
        Set<AuthenticationMethod> registered = EnumSet.of(PASSWORD, TOTP, SECURITY_KEY, PASSKEY);

        assertThat(require.singleStepOptions(EnumSet.of(PASSWORD), registered)).containsExactlyInAnyOrder(SECURITY_KEY, PASSKEY);
        assertThat(requireControls(requires("a", MFA)).singleStepOptions(EnumSet.of(PASSWORD), registered))
                .containsExactlyInAnyOrder(TOTP, SECURITY_KEY, PASSKEY);
    }

    @Test
    void singleStepOptionsBuildOnWhatTheSignInAlreadyDid() {
        Decision.RequireControls require = requireControls(requires("a", MFA));

        assertThat(require.singleStepOptions(Set.of(), EnumSet.of(PASSWORD, TOTP)))
                .as("TOTP alone is not MFA without the password").isEmpty();
        assertThat(require.singleStepOptions(Set.of(), EnumSet.of(TOTP, PASSKEY))).containsExactly(PASSKEY);
        assertThat(require.singleStepOptions(EnumSet.of(PASSWORD), EnumSet.of(RECOVERY_CODE, PUSH)))
                .containsExactlyInAnyOrder(RECOVERY_CODE, PUSH);
        assertThat(require.singleStepOptions(EnumSet.of(PASSWORD), Set.of())).isEmpty();
    }

    @Test
    void registrationOptionsAreThoseThatSatisfyEveryRequirement() {
        Decision.RegistrationRequired registration = new Decision.RegistrationRequired(List.of(
                new RegistrationRequirement("a", MFA, Set.of(TOTP, PUSH, SECURITY_KEY, PASSKEY)),
                new RegistrationRequirement("b", PHISHING_RESISTANT_MFA, Set.of(SECURITY_KEY, PASSKEY))));

        assertThat(registration.options()).containsExactlyInAnyOrder(SECURITY_KEY, PASSKEY);
        assertThat(registration.result()).isEqualTo("registrationRequired");
    }

    @Test
    void resultNamesAreGraphStyle() {
        assertThat(Decision.ALLOW.result()).isEqualTo("allow");
        assertThat(new Decision.Block(List.of()).result()).isEqualTo("block");
        assertThat(requireControls().result()).isEqualTo("requireControls");
    }

    @Test
    void bothLetsABlockWinAndAddsUpStepUpsBeforeARegistration() {
        Decision.Block block = new Decision.Block(List.of(new Decision.Reason("b", "Block", "blocked by policy")));
        Decision.RequireControls mfa = requireControls(requires("m", MFA));
        Decision.RequireControls keys = requireControls(requires("k", PHISHING_RESISTANT_MFA));
        Decision.RegistrationRequired register = new Decision.RegistrationRequired(
                List.of(new RegistrationRequirement("r", MFA, Set.of(TOTP))));

        assertThat(Decision.both(mfa, block)).isEqualTo(block);
        assertThat(Decision.both(block, block)).isEqualTo(new Decision.Block(List.of(block.reasons().get(0),
                block.reasons().get(0))));
        assertThat(Decision.both(mfa, keys)).isEqualTo(requireControls(requires("m", MFA), requires("k", PHISHING_RESISTANT_MFA)));
        assertThat(Decision.both(register, mfa)).isEqualTo(mfa);
        assertThat(Decision.both(Decision.ALLOW, register)).isEqualTo(register);
        assertThat(Decision.both(Decision.ALLOW, Decision.ALLOW)).isEqualTo(Decision.ALLOW);
    }
}
