package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.Parsed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What-If: how the stored policies (or draft ones sent along) would treat a sign-in, policy by
 * policy and as a decision, with the same evaluator Keycloak enforces with. Nothing is stored.
 */
@Path("/v1.0/identity/conditionalAccess/evaluate")
public class EvaluateResource {

    private final GraphJson json = new GraphJson();
    private final PublishedSnapshot published;
    private final DirectoryPort directory;
    private final ControlPlaneMetrics metrics;

    @Inject
    public EvaluateResource(PublishedSnapshot published, DirectoryPort directory, ControlPlaneMetrics metrics) {
        this.published = published;
        this.directory = directory;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
    public Response evaluate(byte[] body) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        Parsed<GraphJson.WhatIf> question = json.readWhatIf(tree.value(), Instant.now());
        if (!question.ok()) {
            return Problem.invalid(question.errors());
        }
        GraphJson.WhatIf whatIf = question.value();
        SignIn signIn;
        try {
            signIn = fromDirectory(tree.value(), whatIf.signIn());
        } catch (DirectoryUnavailableException e) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Directory unavailable", e.getMessage()
                    + ": try again, or send signInIdentity.groupIds, roleIds and signInConditions.registeredMethods"
                    + " to answer without it", List.of());
        }
        PublishedSnapshot.Current current = published.current();
        PolicySet stored = current.snapshot().policySet();
        Evaluation evaluation;
        if (whatIf.policies().isEmpty() && whatIf.namedLocations().isEmpty()) {
            evaluation = current.evaluator().evaluate(signIn); // the stored policies, indexed once per version
        } else {
            Collection<NamedLocation> locations = whatIf.namedLocations()
                    .map(list -> (Collection<NamedLocation>) list).orElseGet(() -> stored.namedLocations().values());
            List<AuthenticationStrength> custom = stored.customStrengths();
            List<ConditionalAccessPolicy> policies = whatIf.policies().orElseGet(stored::policies);
            List<ValidationProblem> problems = new ArrayList<>(PolicySet.validate(policies, locations, custom));
            if (!problems.isEmpty()) {
                return Problem.invalid(problems);
            }
            evaluation = Evaluator.evaluate(PolicySet.of(policies, locations, custom), signIn);
        }
        metrics.decision("whatIf", evaluation.decision().result());
        return Response.ok(json.bytes(json.withWarnings(json.writeWhatIf(evaluation, whatIf.appliedPoliciesOnly()),
                question.warnings()))).build();
    }

    /**
     * Who the user is, as the directory knows them, unless the request says (groupIds, roleIds or
     * isGuest; registeredMethods): a question about a draft directory is answered as asked.
     */
    private SignIn fromDirectory(JsonNode request, SignIn signIn) {
        JsonNode identity = request.path("signInIdentity");
        boolean identityGiven = identity.has("groupIds") || identity.has("roleIds") || identity.has("isGuest");
        boolean registrationGiven = request.path("signInConditions").has("registeredMethods");
        if (identityGiven && registrationGiven) {
            return signIn;
        }
        Optional<DirectoryPort.DirectoryUser> user = directory.findUser(signIn.user().id());
        if (user.isEmpty()) {
            return signIn;
        }
        SignIn.Builder builder = signIn.toBuilder();
        if (!identityGiven) {
            builder.user(user.get().identity());
        }
        if (!registrationGiven) {
            builder.registration(user.get().registration());
        }
        return builder.build();
    }
}
