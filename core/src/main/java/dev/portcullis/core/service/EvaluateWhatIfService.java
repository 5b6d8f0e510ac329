package dev.portcullis.core.service;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.EvaluateWhatIf;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.validation.PolicyValidator;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What-If over the published snapshot's evaluator, or over drafts sent along (validated first): a
 * whole set instead of the stored one, or one policy being edited in place of its stored version.
 */
public final class EvaluateWhatIfService implements EvaluateWhatIf {

    /** The id a draft policy without one (not yet created) is evaluated under. */
    public static final String NEW_POLICY_ID = "draft";
    /** Where a draft policy's problems are named, as the question's field. */
    static final String DRAFT_POLICY = "draftPolicy";

    private final PublishSnapshot published;
    private final DirectoryPort directory;

    public EvaluateWhatIfService(PublishSnapshot published, DirectoryPort directory) {
        this.published = published;
        this.directory = directory;
    }

    @Override
    public Answer evaluate(Question question) {
        SignIn signIn;
        try {
            signIn = fromDirectory(question);
        } catch (DirectoryUnavailableException e) {
            return new Answer.DirectoryUnavailable(e.getMessage());
        }
        PublishSnapshot.Published current = published.current();
        if (question.policies().isEmpty() && question.namedLocations().isEmpty() && question.draftPolicy().isEmpty()) {
            // The stored policies, indexed once per version.
            return new Answer.Evaluated(current.evaluator().evaluate(signIn));
        }
        PolicySet stored = current.snapshot().policySet();
        PolicySet set = stored;
        if (question.policies().isPresent() || question.namedLocations().isPresent()) {
            Collection<NamedLocation> locations = question.namedLocations()
                    .map(list -> (Collection<NamedLocation>) list).orElseGet(() -> stored.namedLocations().values());
            List<AuthenticationStrength> custom = stored.customStrengths();
            List<ConditionalAccessPolicy> policies = question.policies().orElseGet(stored::policies);
            List<ValidationProblem> problems = PolicySet.validate(policies, locations, custom);
            if (!problems.isEmpty()) {
                return new Answer.Invalid(problems);
            }
            set = PolicySet.of(policies, locations, custom);
        }
        if (question.draftPolicy().isPresent()) {
            ConditionalAccessPolicy draft = question.draftPolicy().get();
            ConditionalAccessPolicy named = draft.id().isBlank() ? draft.withId(NEW_POLICY_ID) : draft;
            List<ValidationProblem> problems = PolicyValidator.validate(named, set.namedLocations(),
                    set.authenticationStrengths()).stream().map(p -> p.prefixed(DRAFT_POLICY)).toList();
            if (!problems.isEmpty()) {
                return new Answer.Invalid(problems);
            }
            set = set.withPolicy(named);
        }
        return new Answer.Evaluated(Evaluator.evaluate(set, signIn));
    }

    /**
     * Who the user is, as the directory knows them, unless the question says: a question about a
     * draft directory is answered as asked.
     */
    private SignIn fromDirectory(Question question) {
        SignIn signIn = question.signIn();
        if (question.identityGiven() && question.registrationGiven()) {
            return signIn;
        }
        Optional<DirectoryPort.DirectoryUser> user = directory.findUser(signIn.user().id());
        if (user.isEmpty()) {
            return signIn;
        }
        SignIn.Builder builder = signIn.toBuilder();
        if (!question.identityGiven()) {
            builder.user(user.get().identity());
        }
        if (!question.registrationGiven()) {
            builder.registration(user.get().registration());
        }
        return builder.build();
    }
}
