package dev.portcullis.adapters.keycloak.push;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.util.JsonSerialization;

/**
 * A JSON body sent to the companion's API, read field by field. Every field at fault is noted, so
 * one problem reply can name them all.
 */
final class CompanionRequest {

    /** A clock skew between phone and server that is still believable. */
    static final Duration SKEW = Duration.ofMinutes(2);

    private final Map<String, Object> in;
    private final List<Map<String, String>> faults = new ArrayList<>();

    private CompanionRequest(Map<String, Object> in) {
        this.in = in;
    }

    /** The body as a JSON object, or empty when it is none. */
    @SuppressWarnings("unchecked")
    static Optional<CompanionRequest> parse(byte[] body) {
        try {
            Object value = body == null || body.length == 0 ? null : JsonSerialization.readValue(body, Object.class);
            return value instanceof Map<?, ?> map ? Optional.of(new CompanionRequest((Map<String, Object>) map))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Object get(String field) {
        return in.get(field);
    }

    /** A string field, or {@code fallback} when it is missing or not a string. */
    String optional(String field, String fallback) {
        return in.get(field) instanceof String value ? value : fallback;
    }

    /** A required string of at most 512 characters; null, and noted, when it is not one. */
    String text(String field) {
        String value = string(in.get(field));
        if (value == null || value.isBlank() || value.length() > 512) {
            fault(field, "required: a string");
            return null;
        }
        return value;
    }

    /** The statement's time, whole seconds since the epoch, within {@link #SKEW} of ours. */
    Optional<Instant> time() {
        if (!(in.get("time") instanceof Number seconds) || seconds instanceof Double || seconds instanceof Float) {
            fault("time", "required: seconds since the epoch");
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(seconds.longValue());
        if (Duration.between(time, Instant.now()).abs().compareTo(SKEW) > 0) {
            fault("time", "the phone's clock is more than " + SKEW.toMinutes() + " minutes off");
            return Optional.empty();
        }
        return Optional.of(time);
    }

    void fault(String path, String message) {
        faults.add(CompanionReply.fault(path, message));
    }

    List<Map<String, String>> faults() {
        return faults;
    }

    static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
