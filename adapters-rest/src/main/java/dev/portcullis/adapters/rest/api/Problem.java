package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.JsonText;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details, with every validation problem and its field path under {@code errors}. */
final class Problem {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonText JSON = JsonText.shared();

    private Problem() {}

    static Response of(Response.Status status, String title, String detail, List<ValidationProblem> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            errors.forEach(e -> list.addObject().put("path", e.path()).put("message", e.message()));
        }
        return Response.status(status).type(MEDIA_TYPE).entity(JSON.bytes(body)).build();
    }

    static Response invalid(List<ValidationProblem> errors) {
        return of(Response.Status.BAD_REQUEST, "Invalid document",
                errors.size() + " problem(s): fix them and send the document again; nothing was stored", errors);
    }

    /** A valid change the lockout guard refuses; {@code ?force=true} makes it anyway (and the audit log says so). */
    static Response refused(List<String> reasons) {
        return of(Response.Status.CONFLICT, "Would lock out administrators", String.join("; ", reasons)
                + ". Nothing was stored: fix the policy (exclude the account, add a trusted location), or send it again"
                + " with ?force=true if you are sure", reasons.stream().map(r -> new ValidationProblem("", r)).toList());
    }

    /**
     * A change refused because the sign-in behind the token did not prove enough: which {@code amr}
     * values it needs and which the token has, so a client knows to sign the user in again.
     */
    static Response insufficientAuthentication(String detail, List<String> amrRequired, List<String> amrPresented) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", "Multi-factor authentication required");
        body.put("status", Response.Status.FORBIDDEN.getStatusCode());
        body.put("detail", detail);
        amrRequired.forEach(body.putArray("amrRequired")::add);
        amrPresented.forEach(body.putArray("amrPresented")::add);
        return Response.status(Response.Status.FORBIDDEN).type(MEDIA_TYPE).entity(JSON.bytes(body)).build();
    }

    /** 503: the directory (Keycloak) could not be read; {@code detail} says what that stopped and what to do. */
    static Response directoryUnavailable(String detail) {
        return of(Response.Status.SERVICE_UNAVAILABLE, "Directory unavailable", detail, List.of());
    }

    static Response notFound(String what) {
        return of(Response.Status.NOT_FOUND, "Not found", what + " does not exist", List.of());
    }

    static Response stale(long currentVersion) {
        return of(Response.Status.PRECONDITION_FAILED, "Changed since you read it",
                "the document is at version " + currentVersion + ": read it again, re-apply your change, and send"
                        + " it with If-Match: \"" + currentVersion + "\"", List.of());
    }

    static Response ifMatchRequired() {
        return of(Response.Status.fromStatusCode(428), "If-Match required",
                "send the ETag you read in If-Match, so a concurrent change is never overwritten", List.of());
    }
}
