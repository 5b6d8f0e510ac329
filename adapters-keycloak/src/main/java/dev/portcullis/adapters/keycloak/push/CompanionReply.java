package dev.portcullis.adapters.keycloak.push;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/** What the companion's API answers: JSON or an RFC 9457 problem, never cached. */
final class CompanionReply {

    private CompanionReply() {
    }

    static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(bytes(body))
                .header("Cache-Control", "no-store").build();
    }

    static Response problem(int status, String detail) {
        return problem(status, detail, List.of());
    }

    /** RFC 9457 problem details, naming the fields at fault. */
    static Response problem(int status, String detail, List<Map<String, String>> faults) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "about:blank");
        out.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        out.put("status", status);
        out.put("detail", detail);
        if (!faults.isEmpty()) {
            out.put("errors", faults);
        }
        return Response.status(status).type("application/problem+json").entity(bytes(out))
                .header("Cache-Control", "no-store").build();
    }

    /** One field at fault, as a problem's {@code errors} lists it. */
    static Map<String, String> fault(String path, String message) {
        return Map.of("path", path, "message", message);
    }

    private static byte[] bytes(Object node) {
        try {
            return JsonSerialization.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
