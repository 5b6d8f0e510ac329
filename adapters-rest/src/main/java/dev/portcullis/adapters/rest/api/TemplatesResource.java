package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.template.PolicyTemplate;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.PolicyCodec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seed rollout as ready-made policies: list the templates, and create one as a report-only
 * policy for this directory (its break-glass accounts, pilot groups, admin roles, high-risk apps,
 * blocked-countries location). The created policy goes through the same validation, versioning
 * and audit as any other.
 */
@Path("/v1.0/identity/conditionalAccess/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    private final JsonText json = JsonText.shared();
    private final PolicyCodec policyCodec = PolicyCodec.instance();
    private final PoliciesResource policies;

    @Inject
    public TemplatesResource(ManagePolicies policies) {
        this.policies = new PoliciesResource(policies);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
    public Response list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var value = body.putArray("value");
        for (PolicyTemplate template : PolicyTemplate.values()) {
            value.addObject().put("id", template.templateId()).put("name", template.displayName())
                    .put("description", template.description());
        }
        return Response.ok(json.bytes(body)).build();
    }

    /**
     * Body: {@code {"breakGlassUserIds": [...], "pilotGroupIds": [...], "adminRoleIds": [...],
     * "highRiskApplicationIds": [...], "blockedCountriesLocationId": "..."}}; each as the template needs.
     */
    @POST
    @Path("{templateId}/instantiate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response instantiate(@PathParam("templateId") String templateId, byte[] body, @Context UriInfo uri,
            @Context SecurityContext caller) {
        Optional<PolicyTemplate> template = Arrays.stream(PolicyTemplate.values())
                .filter(t -> t.templateId().equals(templateId)).findFirst();
        if (template.isEmpty()) {
            return Problem.notFound("template '" + templateId + "'");
        }
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return Problem.invalid(tree.errors());
        }
        JsonNode p = tree.value();
        if (!p.isObject()) {
            return Problem.invalid(List.of(new ValidationProblem("", "expected a JSON object")));
        }
        PolicyTemplate.Parameters parameters = new PolicyTemplate.Parameters(strings(p, "breakGlassUserIds"),
                strings(p, "pilotGroupIds"), strings(p, "adminRoleIds"), strings(p, "highRiskApplicationIds"),
                p.path("blockedCountriesLocationId").asText(""));
        ConditionalAccessPolicy policy = template.get().instantiate("", parameters);
        byte[] document = json.bytes(policyCodec.write(policy));
        // Created through the policies endpoint: same validation (an empty pilot group list, a missing
        // location id), a new id, versioning and audit.
        Response created = policies.create(document, false, false, uri, caller);
        if (created.getStatus() != Response.Status.CREATED.getStatusCode()) {
            return created;
        }
        String id = idOf(created);
        return Response.fromResponse(created).location(uri.getBaseUriBuilder()
                .path("/v1.0/identity/conditionalAccess/policies/{id}").build(id)).build();
    }

    private String idOf(Response created) {
        return json.parse((byte[]) created.getEntity()).orElseThrow().path("id").asText();
    }

    private static Set<String> strings(JsonNode node, String field) {
        Set<String> values = new LinkedHashSet<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
