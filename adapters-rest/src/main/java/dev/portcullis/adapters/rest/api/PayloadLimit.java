package dev.portcullis.adapters.rest.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code portcullis.api.max-body-size} (default 256K) is refused as problem details, like
 * every other error, and nothing of it is stored. A body with a length is refused before it is
 * read (a route handler), ahead of the HTTP layer's own limit
 * ({@code quarkus.http.limits.max-body-size}, set higher), which would answer with a bare 413. A
 * body sent without a length (chunked) is counted as it is read (this reader interceptor), so it
 * cannot slip past the limit; one over the HTTP layer's limit is cut off there. An import carries a whole tenant's export: it has its own limit, {@code portcullis.api.max-import-size}
 * (default 8M, and the HTTP layer's limit must be at least that).
 */
@Provider
@Singleton
public class PayloadLimit implements ReaderInterceptor {

    static final String IMPORT_PATH = "/v1.0/identity/conditionalAccess/import";

    @ConfigProperty(name = "portcullis.api.max-body-size", defaultValue = "256K")
    MemorySize limit;

    @ConfigProperty(name = "portcullis.api.max-import-size", defaultValue = "8M")
    MemorySize importLimit;

    @Inject
    CurrentVertxRequest request;

    /** The limit for a request to this path. */
    long limitFor(String path) {
        return path != null && path.startsWith(IMPORT_PATH) ? importLimit.asLongValue() : limit.asLongValue();
    }

    void refuseDeclaredOversizeBodies(@Observes Router router) {
        // Runs just before Quarkus' own length check (ROUTE_ORDER_UPLOAD_LIMIT).
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            long length = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            long max = limitFor(context.request().path());
            if (length <= max) {
                context.next();
                return;
            }
            byte[] problem = (byte[]) tooLarge("the body has " + length + " bytes", max).getEntity();
            // The body is not read: close the connection rather than leave its bytes on it.
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(problem));
        });
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer refuses a malformed length itself
        }
    }

    private Response tooLarge(String what, long max) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Payload too large", detail(what, max), List.of());
    }

    private String detail(String what, long max) {
        return what + ", more than the " + max + " this API accepts: send a smaller document; nothing was stored";
    }

    /** Counts a body without a length as the resource reads it. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long max = limitFor(request.getCurrent() == null ? null : request.getCurrent().request().path());
        byte[] body = context.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            // ErrorMapping answers it as problem details, with this message as the detail.
            String detail = detail("the body has more bytes", max);
            throw new WebApplicationException(detail, tooLarge(detail, max));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
