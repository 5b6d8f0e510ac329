package dev.portcullis.adapters.rest.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error as problem details. Errors the framework raises for a request (unknown path, wrong
 * media type, ...) keep their status; anything else is our fault, logged with an id the caller
 * can quote, and never answered with a stack trace.
 */
public class ErrorMapping {

    private static final Logger LOG = Logger.getLogger(ErrorMapping.class);

    @ServerExceptionMapper
    public Response request(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.BAD_REQUEST;
        }
        return Problem.of(status, status.getReasonPhrase(), e.getMessage() == null ? status.getReasonPhrase() : e.getMessage(),
                List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "event=unexpected_error incident=%s", incident);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed on its side (incident " + incident + "); nothing you sent was stored", List.of());
    }
}
