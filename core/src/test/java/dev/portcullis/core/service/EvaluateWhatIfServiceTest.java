package dev.portcullis.core.service;

import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.in.EvaluateWhatIf.Answer;
import dev.portcullis.core.port.in.EvaluateWhatIf.Question;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What-If with one policy being edited: the stored set with the draft in place of its stored version, or added. */
class EvaluateWhatIfServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");
    private static final ConditionalAccessPolicy MFA = policy("mfa", "Require MFA for the app",
            GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
    private static final ConditionalAccessPolicy OTHER = policy("other", "Block the app", GrantControls.block())
            .withState(PolicyState.DISABLED);
    private static final SignIn ANNA = SignIn.builder("anna", NOW).application("app").registered(PASSWORD, TOTP)
            .satisfied(PASSWORD, NOW).build();

    private final EvaluateWhatIfService whatIf = new EvaluateWhatIfService(stored(MFA, OTHER), DirectoryPort.NONE);

    private static ConditionalAccessPolicy policy(String id, String name, GrantControls grant) {
        return new ConditionalAccessPolicy(id, name, PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.apps("app")), grant, SessionControls.none());
    }

    private static PublishSnapshot stored(ConditionalAccessPolicy... policies) {
        PolicySet set = PolicySet.of(List.of(policies), List.of());
        PublishSnapshot.Published published = new PublishSnapshot.Published(
                new PolicySnapshot("epoch", 1, NOW, set), Evaluator.of(set));
        return new PublishSnapshot() {
            @Override
            public Published current() {
                return published;
            }

            @Override
            public Stamp latest() {
                return new Stamp("epoch", 1);
            }
        };
    }

    private Answer ask(ConditionalAccessPolicy draft) {
        return whatIf.evaluate(new Question(ANNA, true, true, Optional.empty(), Optional.empty(), Optional.of(draft)));
    }

    private static List<String> evaluatedIds(Answer answer) {
        return ((Answer.Evaluated) answer).evaluation().policyOutcomes().stream().map(PolicyOutcome::policyId).toList();
    }

    @Test
    void aDraftTakesThePlaceOfTheStoredPolicyWithItsIdAndTheOthersStillCount() {
        Answer answer = ask(policy("mfa", "Require MFA for the app, now blocking", GrantControls.block()));

        assertThat(evaluatedIds(answer)).containsExactlyInAnyOrder("mfa", "other");
        assertThat(((Answer.Evaluated) answer).evaluation().decision()).isInstanceOf(Decision.Block.class);
        assertThat(whatIf.evaluate(new Question(ANNA, true, true, Optional.empty(), Optional.empty())))
                .as("without a draft, the stored policy asks for MFA")
                .satisfies(a -> assertThat(((Answer.Evaluated) a).evaluation().decision())
                        .isInstanceOf(Decision.RequireControls.class));
    }

    @Test
    void aNewDraftWithoutAnIdIsAddedToTheStoredPolicies() {
        Answer answer = ask(policy("", "New: block the app", GrantControls.block()));

        assertThat(evaluatedIds(answer)).containsExactlyInAnyOrder("mfa", "other", EvaluateWhatIfService.NEW_POLICY_ID);
        assertThat(((Answer.Evaluated) answer).evaluation().decision()).isInstanceOf(Decision.Block.class);
    }

    @Test
    void anInvalidDraftIsRefusedWithItsProblemsNamedUnderDraftPolicy() {
        Answer answer = ask(policy("", " ", GrantControls.block()));

        assertThat(answer).isInstanceOf(Answer.Invalid.class);
        assertThat(((Answer.Invalid) answer).errors()).extracting(ValidationProblem::path).containsExactly("draftPolicy.displayName");
    }
}
