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
import dev.portcullis.core.signin.ClientAppType;
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
        SignIn pilot = SignIn.builder("it-user", NOW).groups("it-department").application("portal")
                .ipAddress("10.20.1.1").build();
        SignIn other = SignIn.builder("accountant", NOW).groups("finance").application("portal")
                .ipAddress("10.20.1.1").build();
        SignIn breakGlass = SignIn.builder("breakglass", NOW).groups("it-department").roles("realm-admin")
                .application("finance-app").ipAddress("192.0.2.1").build();

        assertThat(Evaluator.evaluate(enabled, legacy).decision()).isInstanceOf(Decision.Block.class);
        assertThat(Evaluator.evaluate(enabled, pilot).decision()).isNotInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(enabled, other).decision()).isInstanceOf(Decision.Allow.class);
        assertThat(Evaluator.evaluate(enabled, breakGlass).decision()).isInstanceOf(Decision.Allow.class);
    }
}
