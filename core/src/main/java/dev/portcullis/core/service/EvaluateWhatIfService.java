package dev.portcullis.core.service;

import dev.portcullis.core.evaluation.Evaluation;
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
import dev.portcullis.core.validation.ValidationProblem;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What-If over the published snapshot's evaluator, or over drafts sent along (validated first). */
public final class EvaluateWhatIfService implements EvaluateWhatIf {

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
        if (question.policies().isEmpty() && question.namedLocations().isEmpty()) {
            // The stored policies, indexed once per version.
            return new Answer.Evaluated(current.evaluator().evaluate(signIn));
        }
        PolicySet stored = current.snapshot().policySet();
        Collection<NamedLocation> locations = question.namedLocations()
                .map(list -> (Collection<NamedLocation>) list).orElseGet(() -> stored.namedLocations().values());
        List<AuthenticationStrength> custom = stored.customStrengths();
        List<ConditionalAccessPolicy> policies = question.policies().orElseGet(stored::policies);
        List<ValidationProblem> problems = PolicySet.validate(policies, locations, custom);
        if (!problems.isEmpty()) {
            return new Answer.Invalid(problems);
        }
        Evaluation evaluation = Evaluator.evaluate(PolicySet.of(policies, locations, custom), signIn);
        return new Answer.Evaluated(evaluation);
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
