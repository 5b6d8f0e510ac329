package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Graph's {@code identitySecurityDefaultsEnforcementPolicy}: as the API answers it, a PATCH of it, and as stored. */
public final class SecurityDefaultsJson {

    public static final String ODATA_CONTEXT =
            "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity";
    private static final String IS_ENABLED = "isEnabled";

    private static final SecurityDefaultsJson INSTANCE = new SecurityDefaultsJson();

    private final JsonText json = JsonText.shared();

    private SecurityDefaultsJson() {}

    public static SecurityDefaultsJson instance() {
        return INSTANCE;
    }

    public ObjectNode write(SecurityDefaults value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", SecurityDefaults.ID);
        node.put("displayName", SecurityDefaults.DISPLAY_NAME);
        node.put("description", SecurityDefaults.DESCRIPTION);
        node.put(IS_ENABLED, value.enabled());
        return node;
    }

    /**
     * A PATCH: {@code isEnabled} is what changes. The other properties are Graph's and read-only: sent back as
     * read (a GET, edited), they are fine; changed, each is an error naming it.
     */
    public Parsed<SecurityDefaults> readPatch(byte[] body) {
        Parsed<JsonNode> tree = json.parse(body);
        if (!tree.ok()) {
            return new Parsed<>(null, tree.errors(), tree.warnings());
        }
        return JsonReader.document(tree.value(), ReadMode.STRICT, "expected a JSON object", SecurityDefaultsJson::patch);
    }

    private static SecurityDefaults patch(JsonReader r) {
        ReadProblems problems = r.problems();
        Map<String, String> readOnly = Map.of("id", SecurityDefaults.ID, "displayName", SecurityDefaults.DISPLAY_NAME,
                "description", SecurityDefaults.DESCRIPTION);
        r.onlyKnownFields(Set.of("id", "displayName", "description", IS_ENABLED));
        readOnly.forEach((field, value) -> r.string(field).filter(written -> !written.equals(value))
                .ifPresent(written -> problems.error(field, "read-only: only isEnabled can change")));
        if (!r.has(IS_ENABLED)) {
            problems.error(IS_ENABLED, "required: true to turn Security Defaults on, false to turn it off");
        }
        return r.bool(IS_ENABLED).map(SecurityDefaults::new).orElse(null);
    }

    /** As stored: the document the API answers with, read leniently (it was valid when written). */
    public DocumentCodec<SecurityDefaults> codec() {
        return new DocumentCodec<>() {
            @Override
            public String encode(SecurityDefaults value) {
                return new String(json.bytes(write(value)), StandardCharsets.UTF_8);
            }

            @Override
            public SecurityDefaults decode(String stored) {
                JsonNode tree = json.parse(stored.getBytes(StandardCharsets.UTF_8)).orElseThrow();
                return new SecurityDefaults(tree.path(IS_ENABLED).asBoolean(false));
            }
        };
    }
}
