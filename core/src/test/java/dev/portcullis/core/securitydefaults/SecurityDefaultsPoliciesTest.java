package dev.portcullis.core.securitydefaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityDefaultsPoliciesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final PolicySet DEFAULTS = PolicySet.of(SecurityDefaultsPolicies.policies(Set.of("admin")), List.of());

    @Test
    void thePoliciesAreValidEnabledAndNamedSoTheSignInLogShowsThem() {
        assertThat(PolicySet.validate(SecurityDefaultsPolicies.policies(Set.of("admin")), List.of(), List.of())).isEmpty();
        assertThat(DEFAULTS.policies()).extracting(ConditionalAccessPolicy::id).containsExactly(
                SecurityDefaultsPolicies.BLOCK_LEGACY_AUTHENTICATION, SecurityDefaultsPolicies.MFA_FOR_ADMINISTRATORS,
                SecurityDefaultsPolicies.MFA_REGISTRATION, SecurityDefaultsPolicies.MFA_WHEN_NECESSARY);
        assertThat(DEFAULTS.policies()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(PolicyState.ENABLED);
            assertThat(p.displayName()).startsWith("Security defaults: ");
            assertThat(SecurityDefaultsPolicies.isReserved(p.id())).isTrue();
        });
    }

    @Test
    void legacyAuthenticationIsBlockedForEveryone() {
        for (ClientAppType legacy : List.of(ClientAppType.OTHER, ClientAppType.EXCHANGE_ACTIVE_SYNC)) {
            SignIn signIn = registered("accountant").clientAppType(legacy).build();
            Evaluation evaluation = Evaluator.evaluate(DEFAULTS, signIn);
            assertThat(evaluation.decision()).isInstanceOfSatisfying(Decision.Block.class, block -> assertThat(
                    block.reasons()).extracting(Decision.Reason::policyId)
                    .containsExactly(SecurityDefaultsPolicies.BLOCK_LEGACY_AUTHENTICATION));
        }
    }

    @Test
    void anAdministratorIsAlwaysPromptedEvenOnACalmSignIn() {
        SignIn admin = registered("alice").roles("admin").build();
        assertThat(Evaluator.evaluate(DEFAULTS, admin).decision()).isInstanceOfSatisfying(Decision.RequireControls.class,
                require -> assertThat(require.authentication()).extracting(Decision.AuthenticationRequirement::policyId)
                        .containsExactly(SecurityDefaultsPolicies.MFA_FOR_ADMINISTRATORS));
        SignIn afterMfa = registered("alice").roles("admin").satisfied(AuthenticationMethod.TOTP, NOW).build();
        assertThat(Evaluator.evaluate(DEFAULTS, afterMfa).decision()).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aUserWithNoMethodRegistersAtTheNextSignInWithoutBeingPrompted() {
        SignIn unregistered = calm(SignIn.builder("newcomer", NOW).application("portal")
                .satisfied(AuthenticationMethod.PASSWORD, NOW)).build();
        Decision decision = Evaluator.evaluate(DEFAULTS, unregistered).decision();
        assertThat(decision).isInstanceOfSatisfying(Decision.RegistrationRequired.class, more -> assertThat(
                more.registrations()).extracting(Decision.RegistrationRequirement::policyId)
                .containsExactly(SecurityDefaultsPolicies.MFA_REGISTRATION));
    }

    @Test
    void aRegisteredUserIsLeftAloneOnACalmSignInAndPromptedWhenItIsRisky() {
        assertThat(Evaluator.evaluate(DEFAULTS, registered("accountant").build()).decision())
                .isInstanceOf(Decision.Allow.class);
        for (RiskLevel risky : List.of(RiskLevel.MEDIUM, RiskLevel.HIGH)) {
            SignIn signIn = registered("accountant").signInRisk(risky).build();
            assertThat(Evaluator.evaluate(DEFAULTS, signIn).decision()).isInstanceOfSatisfying(
                    Decision.RequireControls.class, require -> assertThat(require.authentication())
                            .extracting(Decision.AuthenticationRequirement::policyId)
                            .containsExactly(SecurityDefaultsPolicies.MFA_WHEN_NECESSARY));
        }
    }

    @Test
    void aRiskySignInOfAUserWithNoMethodRegistersFirst() {
        SignIn signIn = SignIn.builder("newcomer", NOW).application("portal").signInRisk(RiskLevel.MEDIUM)
                .userRisk(RiskLevel.NONE).satisfied(AuthenticationMethod.PASSWORD, NOW).build();
        assertThat(Evaluator.evaluate(DEFAULTS, signIn).decision()).isInstanceOf(Decision.RegistrationRequired.class);
    }

    @Test
    void registeringSecurityInfoIsNotItselfRefused() {
        SignIn registering = calm(SignIn.builder("newcomer", NOW).target(Target.registerSecurityInfo())
                .satisfied(AuthenticationMethod.PASSWORD, NOW)).build();
        assertThat(Evaluator.evaluate(DEFAULTS, registering).decision()).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void breakGlassAccountsAreNotExcluded() {
        SignIn breakGlass = SignIn.builder("break.glass", NOW).roles("admin").application("portal")
                .signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE).satisfied(AuthenticationMethod.PASSWORD, NOW)
                .build();
        assertThat(Evaluator.evaluate(DEFAULTS, breakGlass).decision()).isNotInstanceOf(Decision.Allow.class);
        SignIn legacy = SignIn.builder("break.glass", NOW).roles("admin").clientAppType(ClientAppType.OTHER).build();
        assertThat(Evaluator.evaluate(DEFAULTS, legacy).decision()).isInstanceOf(Decision.Block.class);
        assertThat(DEFAULTS.policies()).allSatisfy(p -> {
            assertThat(p.conditions().users().excludeUsers()).isEmpty();
            assertThat(p.conditions().users().excludeGroups()).isEmpty();
            assertThat(p.conditions().users().excludeRoles()).isEmpty();
        });
    }

    @Test
    void withoutAdministratorRolesTheAdministratorsPolicyIsLeftOut() {
        assertThat(SecurityDefaultsPolicies.policies(Set.of())).extracting(ConditionalAccessPolicy::id)
                .doesNotContain(SecurityDefaultsPolicies.MFA_FOR_ADMINISTRATORS).hasSize(3);
    }

    /** A browser sign-in with a password, by a user who has an authenticator app, that looks like any other. */
    private static SignIn.Builder registered(String user) {
        return calm(SignIn.builder(user, NOW).application("portal").satisfied(AuthenticationMethod.PASSWORD, NOW)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP));
    }

    private static SignIn.Builder calm(SignIn.Builder signIn) {
        return signIn.signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE);
    }
}
