package dev.portcullis.core.port.in;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.List;
import java.util.Optional;

/**
 * What-If: how the stored policies (or draft ones) would treat a sign-in, policy by policy and as
 * a decision, with the same evaluator nodes enforce with. Nothing is stored.
 */
public interface EvaluateWhatIf {

    /**
     * @param identityGiven whether the question says who the user is (groups, roles, guest): else the directory says
     * @param registrationGiven whether the question says which methods the user registered: else the directory says
     * @param policies drafts to evaluate instead of the stored policies
     * @param namedLocations drafts to evaluate instead of the stored named locations
     * @param draftPolicy one policy being edited, evaluated with the others: it replaces the policy of its id,
     *     or is added (a new policy, whose id may be blank)
     */
    record Question(SignIn signIn, boolean identityGiven, boolean registrationGiven,
            Optional<List<ConditionalAccessPolicy>> policies, Optional<List<NamedLocation>> namedLocations,
            Optional<ConditionalAccessPolicy> draftPolicy) {
        public Question {
            RecordComponents.requireNonNull("signIn policies namedLocations draftPolicy",
                    signIn, policies, namedLocations, draftPolicy);
        }

        /** A question without a policy being edited. */
        public Question(SignIn signIn, boolean identityGiven, boolean registrationGiven,
                Optional<List<ConditionalAccessPolicy>> policies, Optional<List<NamedLocation>> namedLocations) {
            this(signIn, identityGiven, registrationGiven, policies, namedLocations, Optional.empty());
        }
    }

    sealed interface Answer {
        record Evaluated(Evaluation evaluation) implements Answer {}

        /** The drafts do not make a valid policy set; a draft policy's problems are named under {@code draftPolicy}. */
        record Invalid(List<ValidationProblem> errors) implements Answer {}

        /** The directory was needed and could not answer. */
        record DirectoryUnavailable(String reason) implements Answer {}
    }

    Answer evaluate(Question question);
}
