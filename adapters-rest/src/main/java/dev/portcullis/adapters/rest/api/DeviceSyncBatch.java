package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.Parsed;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Graph JSON batch ({@code {"requests": [{"id", "method", "url", "headers", "body"}]}}) read as the
 * device syncs it holds. Everything wrong with it is said at once, each at the request and field it
 * names, so that an integration can fix its batch in one go.
 */
final class DeviceSyncBatch {

    /** Graph's own limit: a client written for Graph splits its batches at this size already. */
    static final int MAX_REQUESTS = 20;
    /** Relative to the API version, as Graph's batch URLs are ("/devices/{id}"). */
    private static final Pattern DEVICE_URL = Pattern.compile("/?devices/([^/?#]+)");

    /** One request of the batch: the device at {@code deviceId} reported whole, as a PUT sends it. */
    record Sync(String id, String deviceId, JsonNode body) {}

    private DeviceSyncBatch() {}

    static Parsed<List<Sync>> read(JsonNode batch) {
        JsonNode requests = batch.path("requests");
        if (!batch.isObject() || !requests.isArray() || requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            return invalid(List.of(new ValidationProblem("requests", "expected an array of 1 to " + MAX_REQUESTS
                    + " requests" + (requests.size() > MAX_REQUESTS ? ", got " + requests.size()
                    + ": send them in several batches" : ""))));
        }
        List<Sync> syncs = new ArrayList<>();
        List<ValidationProblem> errors = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = "requests[" + i + "]";
            JsonNode request = requests.get(i);
            JsonNode id = request.path("id");
            if (!id.isTextual() || id.asText().isBlank()) {
                errors.add(new ValidationProblem(at + ".id", "expected a string that names this request in the answer"));
            } else if (ids.putIfAbsent(id.asText(), i) != null) {
                errors.add(new ValidationProblem(at + ".id", "'" + id.asText() + "' names requests["
                        + ids.get(id.asText()) + "] too: ids are unique in a batch"));
            }
            if (!"PUT".equalsIgnoreCase(request.path("method").asText())) {
                errors.add(new ValidationProblem(at + ".method", "expected PUT: a batch holds device syncs"
                        + " (PUT /devices/{id}); send other requests on their own"));
            }
            Optional<String> deviceId = deviceId(request.path("url").asText());
            if (deviceId.isEmpty()) {
                errors.add(new ValidationProblem(at + ".url", "expected /devices/{id}: a batch holds device syncs"));
            }
            if (request.has("dependsOn")) {
                errors.add(new ValidationProblem(at + ".dependsOn", "not supported: the requests of a batch run in"
                        + " the order sent, and each is answered on its own"));
            }
            String type = request.path("headers").path("Content-Type").asText("application/json");
            if (!type.toLowerCase().startsWith("application/json")) {
                errors.add(new ValidationProblem(at + ".headers.Content-Type", "expected application/json"));
            }
            if (!request.path("body").isObject()) {
                errors.add(new ValidationProblem(at + ".body", "expected the device as a JSON object"));
            }
            deviceId.ifPresent(device -> syncs.add(new Sync(id.asText(), device, request.path("body"))));
        }
        return errors.isEmpty() ? new Parsed<>(syncs, List.of(), List.of()) : invalid(errors);
    }

    /** The device a URL names, its escapes decoded; empty for any other URL. */
    private static Optional<String> deviceId(String url) {
        Matcher matched = DEVICE_URL.matcher(url);
        if (!matched.matches()) {
            return Optional.empty();
        }
        try {
            String id = URLDecoder.decode(matched.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            return id.isBlank() ? Optional.empty() : Optional.of(id);
        } catch (IllegalArgumentException badEscape) {
            return Optional.empty();
        }
    }

    private static Parsed<List<Sync>> invalid(List<ValidationProblem> errors) {
        return new Parsed<>(null, errors, List.of());
    }
}
