package dev.portcullis.core.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CompliantNetworkNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.InsiderRiskLevel;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.TransferMethod;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Entra's beta conditions, each enforced where Keycloak has the concept, or never applied. */
class BetaConditionsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    private static ConditionalAccessPolicy block(String id, Conditions conditions) {
        return new ConditionalAccessPolicy(id, id, PolicyState.ENABLED, conditions, GrantControls.block(),
                SessionControls.none());
    }

    private static Conditions everyone() {
        return Conditions.of(UsersCondition.all(), ApplicationsCondition.all());
    }

    private static SignIn.Builder signIn() {
        return SignIn.builder("anna", NOW).application("portal").signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE);
    }

    private static Decision decide(SignIn signIn, ConditionalAccessPolicy... policies) {
        return Evaluator.evaluate(PolicySet.of(List.of(policies), List.of()), signIn).decision();
    }

    @Test
    void aDeviceCodeFlowBlockBlocksOnlyDeviceApprovals() {
        ConditionalAccessPolicy policy = block("device-code",
                everyone().withAuthenticationFlows(AuthenticationFlowsCondition.of(TransferMethod.DEVICE_CODE_FLOW)));

        assertThat(decide(signIn().transferMethod(TransferMethod.DEVICE_CODE_FLOW).build(), policy))
                .isInstanceOf(Decision.Block.class);
        assertThat(decide(signIn().build(), policy)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(signIn().transferMethod(TransferMethod.AUTHENTICATION_TRANSFER).build(), policy))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void workloadPoliciesMeetOnlyWorkloadsAndUserPoliciesOnlyUsers() {
        ConditionalAccessPolicy workloads = block("workloads", Conditions.of(
                        new UsersCondition(Set.of(UsersCondition.NONE), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()),
                        ApplicationsCondition.all())
                .withClientApplications(new ClientApplicationsCondition(
                        Set.of(ClientApplicationsCondition.ALL_IN_TENANT), Set.of("backup-job"))));
        ConditionalAccessPolicy users = block("users", everyone());

        // Through the evaluator's index as well as the conditions: several policies, both kinds.
        assertThat(decide(signIn().workloadIdentity("billing").build(), workloads, users))
                .isInstanceOfSatisfying(Decision.Block.class, b ->
                        assertThat(b.reasons()).extracting(Decision.Reason::policyId).containsExactly("workloads"));
        assertThat(decide(signIn().workloadIdentity("backup-job").build(), workloads, users))
                .isInstanceOf(Decision.Allow.class);
        assertThat(decide(signIn().build(), workloads)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void insiderRiskReadsUserRiskAndAnUnknownRiskMatches() {
        ConditionalAccessPolicy policy = block("insider",
                everyone().withInsiderRisk(new InsiderRiskCondition(Set.of(InsiderRiskLevel.ELEVATED))));

        assertThat(decide(signIn().userRisk(RiskLevel.HIGH).build(), policy)).isInstanceOf(Decision.Block.class);
        assertThat(decide(signIn().userRisk(RiskLevel.LOW).build(), policy)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(signIn().userRisk(RiskLevel.UNKNOWN).build(), policy)).isInstanceOf(Decision.Block.class);
    }

    @Test
    void anUnevaluatedPartNeverAppliesAndSaysWhyFirst() {
        ConditionalAccessPolicy policy = block("agents", everyone()
                .withUnevaluated(new UnevaluatedCondition("agents", "{\"includeAgentUsers\":[\"All\"]}",
                        "agent identities do not sign in through Keycloak: this policy is never enforced")));

        var evaluation = Evaluator.evaluate(PolicySet.of(List.of(policy.withState(PolicyState.REPORT_ONLY)), List.of()),
                signIn().build());
        assertThat(evaluation.decision()).isInstanceOf(Decision.Allow.class);
        PolicyOutcome outcome = evaluation.policyOutcomes().get(0);
        assertThat(outcome.result()).isEqualTo(PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED);
        assertThat(outcome.reasons()).containsExactly(
                "agents: agent identities do not sign in through Keycloak: this policy is never enforced");
        assertThat(policy.conditions().fullyEvaluated()).isFalse();
    }

    @Test
    void aPolicyNamingACompliantNetworkIsNeverEnforcedRatherThanBlockingEveryone() {
        CompliantNetworkNamedLocation gsa = new CompliantNetworkNamedLocation("gsa", "Compliant networks",
                "allTenantCompliantNetworks", true);
        IpNamedLocation office = new IpNamedLocation("office", "Office",
                List.of(((IpRange.Parsed.Ok) IpRange.parse("192.0.2.0/24")).range()), true);
        ConditionalAccessPolicy outsideGsa = block("outside-gsa", everyone().withLocations(LocationsCondition.allExcept("gsa")));
        PolicySet set = PolicySet.of(List.of(outsideGsa), List.of(gsa, office));

        assertThat(Evaluator.evaluate(set, signIn().ipAddress("203.0.113.7").build()).decision())
                .isInstanceOf(Decision.Allow.class);
        assertThat(gsa.contains(java.util.Optional.empty(), java.util.Optional.empty())).isFalse();
    }

    @Test
    void aSessionOnlyPolicyGrantsAccessAsItIs() {
        ConditionalAccessPolicy sessionOnly = new ConditionalAccessPolicy("s", "s", PolicyState.ENABLED, everyone(),
                GrantControls.none(), new SessionControls(java.util.Optional.empty(),
                        java.util.Map.of("persistentBrowser", "{\"mode\":\"never\",\"isEnabled\":true}")));

        assertThat(decide(signIn().build(), sessionOnly)).isInstanceOf(Decision.Allow.class);
    }
}
