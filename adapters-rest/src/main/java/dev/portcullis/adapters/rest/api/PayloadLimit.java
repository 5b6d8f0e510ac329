package dev.portcullis.adapters.rest.api;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body over {@code portcullis.api.max-body-size} (default 256K) is refused before it is read, as
 * problem details like every other error. The HTTP layer's own limit
 * ({@code quarkus.http.limits.max-body-size}) is set higher, as the last guard for bodies sent
 * without a length; it answers with a bare 413.
 */
public class PayloadLimit {

    @ConfigProperty(name = "portcullis.api.max-body-size", defaultValue = "256K")
    MemorySize limit;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizeBodies(ContainerRequestContext request) {
        long length = request.getLength();
        if (length <= limit.asLongValue()) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Payload too large",
                "the body has " + length + " bytes, more than the " + limit.asLongValue()
                        + " this API accepts: send a smaller document; nothing was stored", List.of()));
    }
}
