package dev.portcullis.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTemplateTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final PolicyTemplate.Parameters PARAMETERS = new PolicyTemplate.Parameters(Set.of("breakglass"),
            Set.of("it-department"), Set.of("realm-admin"), Set.of("hr-app", "finance-app"), "blocked-countries");

    private static PolicySet seed(PolicyState state) {
        List<ConditionalAccessPolicy> policies = Arrays.stream(PolicyTemplate.values())
                .map(t -> t.instantiate(t.templateId(), PARAMETERS).withState(state)).toList();
        return PolicySet.of(policies, List.of(
                new IpNamedLocation("office", "Office", List.of(IpRange.of("10.20.0.0/16")), true),
                new CountryNamedLocation("blocked-countries", "Blocked countries", Set.of("KP"), false)));
    }

    @Test
    void everyTemplateIsValidAndCreatedReportOnly() {
        PolicySet set = seed(PolicyState.REPORT_ONLY);
        assertThat(set.policies()).hasSize(PolicyTemplate.values().length)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(PolicyState.REPORT_ONLY));
        assertThat(PolicyTemplate.BLOCK_LEGACY_AUTHENTICATION.templateId()).isEqualTo("block-legacy-authentication");
    }

    @Test
    void inReportOnlyNothingChangesButTheLogShowsWhatWouldHaveHappened() {
        SignIn legacy = SignIn.builder("accountant", NOW).application("mail").clientAppType(ClientAppType.OTHER).build();
        Evaluation evaluation = Evaluator.evaluate(seed(PolicyState.REPORT_ONLY), legacy);
        assertThat(evaluation.decision()).isInstanceOf(Decision.Allow.class);
        assertThat(evaluation.outcome("block-legacy-authentication").orElseThrow().result())
                .isEqualTo(PolicyOutcome.Result.REPORT_ONLY_FAILURE);
    }

    @Test
    void enabledTheRolloutBlocksLegacyPromptsThePilotAndSparesBreakGlass() {
        PolicySet enabled = seed(PolicyState.ENABLED);
        SignIn legacy = SignIn.builder("accountant", NOW).application("mail").clientAppType(ClientAppType.OTHER).build();
        SignIn pilot = calm(SignIn.builder("it-user", NOW).groups("it-department").application("portal")
                .ipAddress("10.20.1.1")).build();
        SignIn other = calm(SignIn.builder("accountant", NOW).groups("finance").application("portal")
                .ipAddress("10.20.1.1")).build();
        // Break-glass is spared every policy but its own, which its security key satisfies.
        SignIn breakGlass = SignIn.builder("breakglass", NOW).groups("it-department").roles("realm-admin")
                .application("finance-app").ipAddress("192.0.2.1").signInRisk(RiskLevel.HIGH).userRisk(RiskLevel.HIGH)
                .satisfied(AuthenticationMethod.PASSWORD, NOW).satisfied(AuthenticationMethod.SECURITY_KEY, NOW)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.SECURITY_KEY).build();
        SignIn breakGlassWithACode = SignIn.builder("breakglass", NOW).application("portal").ipAddress("10.20.1.1")
                .satisfied(AuthenticationMethod.PASSWORD, NOW).satisfied(AuthenticationMethod.TOTP, NOW)
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP, AuthenticationMethod.SECURITY_KEY)
                .build();

        assertThat(Evaluator.evaluate(enabled, legacy).decision()).isInstanceOf(Decision.Block.class);
        assertThat(Evaluator.evaluate(enabled, pilot).decision()).isNotInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(enabled, other).decision()).isInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(enabled, breakGlass).decision()).isInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(enabled, breakGlassWithACode).decision())
                .as("a one-time code is not phishing-resistant").isNotInstanceOf(Decision.Allow.class);
    }

    @Test
    void highRiskApplicationsAskForMfaFromTheOfficeTooWhileTheOutsideTheOfficeTemplateDoesNot() {
        SignIn hrFromTheOffice = calm(SignIn.builder("accountant", NOW).application("hr-app").ipAddress("10.20.1.1"))
                .satisfied(AuthenticationMethod.PASSWORD, NOW).registered(AuthenticationMethod.TOTP).build();
        assertThat(Evaluator.evaluate(only(PolicyTemplate.REQUIRE_MFA_FOR_HIGH_RISK_APPLICATIONS), hrFromTheOffice)
                .decision()).isInstanceOf(Decision.RequireControls.class);
        assertThat(Evaluator.evaluate(only(PolicyTemplate.REQUIRE_MFA_OUTSIDE_TRUSTED_LOCATIONS), hrFromTheOffice)
                .decision()).isInstanceOf(Decision.Allow.class);
        SignIn portal = calm(SignIn.builder("accountant", NOW).application("portal").ipAddress("192.0.2.1")).build();
        assertThat(Evaluator.evaluate(only(PolicyTemplate.REQUIRE_MFA_FOR_HIGH_RISK_APPLICATIONS), portal).decision())
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void onTheTravelDayAMediumRiskSignInProvesMfaEveryTimeAndAHighRiskOneIsBlocked() {
        PolicySet risk = only(PolicyTemplate.REQUIRE_MFA_FOR_RISKY_SIGN_INS, PolicyTemplate.BLOCK_HIGH_SIGN_IN_RISK);
        SignIn.Builder abroad = SignIn.builder("traveller", NOW).application("portal").ipAddress("203.0.113.9")
                .userRisk(RiskLevel.NONE).satisfied(AuthenticationMethod.PASSWORD, NOW).registered(AuthenticationMethod.TOTP);
        assertThat(Evaluator.evaluate(risk, abroad.signInRisk(RiskLevel.LOW).build()).decision())
                .isInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(risk, abroad.signInRisk(RiskLevel.MEDIUM).build()).decision())
                .isInstanceOf(Decision.RequireControls.class);
        // Every time: an MFA from this morning does not count, one a minute ago does (Entra's five-minute skew).
        assertThat(Evaluator.evaluate(risk, abroad.satisfied(AuthenticationMethod.TOTP, NOW.minusSeconds(3 * 3600))
                .build()).decision()).isInstanceOf(Decision.RequireControls.class);
        assertThat(Evaluator.evaluate(risk, abroad.satisfied(AuthenticationMethod.TOTP, NOW.minusSeconds(60)).build())
                .decision()).isInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(risk, abroad.signInRisk(RiskLevel.HIGH).build()).decision())
                .isInstanceOf(Decision.Block.class);
    }

    @Test
    void aUserAtHighRiskProvesMfaAndChangesThePassword() {
        SignIn compromised = SignIn.builder("victim", NOW).application("portal").signInRisk(RiskLevel.NONE)
                .userRisk(RiskLevel.HIGH).satisfied(AuthenticationMethod.PASSWORD, NOW).registered(AuthenticationMethod.TOTP)
                .build();
        Decision decision = Evaluator.evaluate(only(PolicyTemplate.REQUIRE_PASSWORD_CHANGE_FOR_HIGH_USER_RISK), compromised)
                .decision();
        assertThat(decision).isInstanceOfSatisfying(Decision.RequireControls.class, require -> {
            assertThat(require.passwordChangePolicyIds()).containsExactly("require-password-change-for-high-user-risk");
            assertThat(require.authentication()).isNotEmpty();
        });
    }

    /** A sign-in the risk engine found nothing unusual about (unknown risk matches risk policies: fail secure). */
    private static SignIn.Builder calm(SignIn.Builder signIn) {
        return signIn.signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE);
    }

    private static PolicySet only(PolicyTemplate... templates) {
        return PolicySet.of(Arrays.stream(templates).map(t -> t.instantiate(t.templateId(), PARAMETERS)
                .withState(PolicyState.ENABLED)).toList(), List.copyOf(seed(PolicyState.REPORT_ONLY).namedLocations().values()));
    }
}
