package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.ManageSecurityDefaults.Result;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.Parsed;
import dev.portcullis.graphjson.SecurityDefaultsJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * {@code /v1.0/policies/identitySecurityDefaultsEnforcementPolicy}, Graph's Security Defaults switch.
 * Changing it is a change of what is enforced: the same roles, MFA and audit as a policy change.
 */
@Path("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityDefaultsResource {

    private final JsonText json = JsonText.shared();
    private final SecurityDefaultsJson graph = SecurityDefaultsJson.instance();
    private final ManageSecurityDefaults securityDefaults;

    @Inject
    public SecurityDefaultsResource(ManageSecurityDefaults securityDefaults) {
        this.securityDefaults = securityDefaults;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION, Roles.READER})
    public Response get() {
        return ok(securityDefaults.get());
    }

    /** {@code {"isEnabled": true}} or {@code false}; If-Match is optional: the switch is the whole document, so no other change can be lost. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.ADMIN, Roles.AUTOMATION})
    @RequiresMfa
    public Response patch(byte[] body, @HeaderParam("If-Match") String ifMatch, @Context SecurityContext caller) {
        Parsed<SecurityDefaults> read = graph.readPatch(body);
        if (!read.ok()) {
            return Problem.invalid(read.errors());
        }
        Result result = securityDefaults.change(new ManageSecurityDefaults.Change(read.value().enabled(),
                DocumentEndpoint.expectedVersion(ifMatch), caller.getUserPrincipal().getName()));
        if (result instanceof Result.Written written) {
            return ok(written.document());
        } else if (result instanceof Result.ConditionalAccessEnabled enabled) {
            return conditionalAccessEnabled(enabled.enabledPolicies());
        } else if (result instanceof Result.Stale stale) {
            return Problem.stale(stale.currentVersion());
        }
        throw new IllegalStateException("no HTTP answer for " + result);
    }

    /** Entra's answer, with what to do about it. */
    private static Response conditionalAccessEnabled(List<String> policies) {
        return Problem.of(Response.Status.CONFLICT, "Conditional Access policies are enabled",
                "Security Defaults cannot be turned on while Conditional Access policies are enabled (as in Entra):"
                        + " disable or switch to report-only the " + policies.size() + " enabled Conditional Access"
                        + " polic" + (policies.size() == 1 ? "y" : "ies") + " first: " + String.join(", ", policies)
                        + ". Nothing was changed.",
                policies.stream().map(p -> new ValidationProblem("isEnabled", "enabled Conditional Access policy: " + p))
                        .toList());
    }

    private Response ok(Versioned<SecurityDefaults> document) {
        ObjectNode body = graph.write(document.value());
        body.put("@odata.context", SecurityDefaultsJson.ODATA_CONTEXT);
        Response.ResponseBuilder ok = Response.ok(json.bytes(body));
        document.version().ifPresent(version -> ok.tag(new EntityTag(Long.toString(version))));
        return ok.build();
    }
}
