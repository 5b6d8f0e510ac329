package dev.portcullis.adapters.keycloak.shipping;

import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.Parsed;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/**
 * An OAuth token response (RFC 6749 section 5.1), as a node reads it to call the control plane. Not
 * Graph's wire format, so it is read here, with Keycloak's own JSON reader.
 */
record TokenResponse(String accessToken, long expiresInSeconds) {

    /** The lifetime assumed when the response does not say: {@code expires_in} is only recommended. */
    static final long DEFAULT_EXPIRES_IN = 60;

    static Parsed<TokenResponse> read(byte[] body) {
        Object json;
        try {
            json = JsonSerialization.readValue(body, Object.class);
        } catch (IOException e) {
            return problem("", "malformed JSON: " + e.getMessage());
        }
        Map<?, ?> fields = json instanceof Map<?, ?> map ? map : Map.of();
        String token = fields.get("access_token") instanceof String text ? text : "";
        if (token.isEmpty()) {
            return problem("access_token", "missing from the token response");
        }
        return new Parsed<>(new TokenResponse(token, expiresIn(fields.get("expires_in"))), List.of(), List.of());
    }

    private static long expiresIn(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return value instanceof String text ? Long.parseLong(text.trim()) : DEFAULT_EXPIRES_IN;
        } catch (NumberFormatException e) {
            return DEFAULT_EXPIRES_IN;
        }
    }

    private static Parsed<TokenResponse> problem(String path, String message) {
        return new Parsed<>(null, List.of(new ValidationProblem(path, message)), List.of());
    }
}
