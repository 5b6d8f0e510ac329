package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.port.in.EvaluateWhatIf;
import dev.portcullis.core.port.in.EvaluateWhatIf.Answer;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.ProblemsJson;
import dev.portcullis.graphjson.WhatIf;
import dev.portcullis.graphjson.WhatIfCodec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * What-If: how the stored policies (or draft ones sent along, or the stored ones with one policy
 * being edited) would treat a sign-in, policy by policy and as a decision, with the same evaluator
 * Keycloak enforces with. Nothing is stored.
 */
@Path("/v1.0/identity/conditionalAccess/evaluate")
public class EvaluateResource {

    private final JsonText json = JsonText.shared();
    private final WhatIfCodec whatIfs = WhatIfCodec.instance();
    private final EvaluateWhatIf whatIf;
    private final ControlPlaneMetrics metrics;
    private final Clock clock;

    @Inject
    public EvaluateResource(EvaluateWhatIf whatIf, ControlPlaneMetrics metrics, Clock clock) {
        this.whatIf = whatIf;
        this.metrics = metrics;
        this.clock = clock;
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
        Parsed<WhatIf> question = whatIfs.read(tree.value(), clock.instant());
        if (!question.ok()) {
            return Problem.invalid(question.errors());
        }
        // Who the user is and what they registered come from the directory unless the request says.
        JsonNode identity = tree.value().path("signInIdentity");
        boolean identityGiven = identity.has("groupIds") || identity.has("roleIds") || identity.has("isGuest");
        boolean registrationGiven = tree.value().path("signInConditions").has("registeredMethods");
        WhatIf asked = question.value();
        Answer answer = whatIf.evaluate(new EvaluateWhatIf.Question(asked.signIn(), identityGiven, registrationGiven,
                asked.policies(), asked.namedLocations(), asked.draftPolicy()));
        if (answer instanceof Answer.DirectoryUnavailable unavailable) {
            return Problem.directoryUnavailable(unavailable.reason()
                    + ": try again, or send signInIdentity.groupIds, roleIds and signInConditions.registeredMethods"
                    + " to answer without it");
        }
        if (answer instanceof Answer.Invalid invalid) {
            return Problem.invalid(invalid.errors());
        }
        Answer.Evaluated evaluated = (Answer.Evaluated) answer;
        metrics.decision("whatIf", evaluated.evaluation().decision().result());
        return Response.ok(json.bytes(ProblemsJson.withWarnings(whatIfs.write(evaluated.evaluation(), asked.appliedPoliciesOnly()),
                question.warnings()))).build();
    }
}
