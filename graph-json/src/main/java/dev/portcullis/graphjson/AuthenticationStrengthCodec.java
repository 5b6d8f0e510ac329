package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.method.MethodCombination;
import dev.portcullis.core.validation.PolicyValidator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Graph's authenticationStrengthPolicy. Combinations name methods as {@link MethodNames} reads them,
 * Graph's ({@code password,softwareOath}, {@code fido2}) or Portcullis' ({@code password,recoveryCode});
 * a combination Keycloak cannot perform never satisfies the strength.
 */
public final class AuthenticationStrengthCodec {

    private static final AuthenticationStrengthCodec INSTANCE = new AuthenticationStrengthCodec();

    private AuthenticationStrengthCodec() {}

    public static AuthenticationStrengthCodec instance() {
        return INSTANCE;
    }

    public Parsed<AuthenticationStrength> read(JsonNode json, ReadMode mode) {
        return JsonReader.document(json, mode, JsonReader.AN_OBJECT,
                r -> r.problems().validated(read(r), PolicyValidator::validate));
    }

    AuthenticationStrength read(JsonReader r) {
        r.onlyKnownFields(Set.of("id", "displayName", "description", "policyType", "requirementsSatisfied",
                "allowedCombinations", "combinationConfigurations", "createdDateTime", "modifiedDateTime"));
        r.readOnly("createdDateTime", "modifiedDateTime");
        String id = r.string("id").orElse("");
        String displayName = r.requiredString("displayName");
        String description = r.string("description").orElse("");
        Set<MethodCombination> combinations = new LinkedHashSet<>();
        List<String> texts = r.strings("allowedCombinations");
        for (int i = 0; i < texts.size(); i++) {
            List<MethodCombination> parsed = combinations(texts.get(i));
            if (parsed.isEmpty()) {
                r.problems().unenforceable(r.path("allowedCombinations") + "[" + i + "]", "'" + texts.get(i)
                        + "' cannot be performed in Keycloak: it never satisfies this strength");
            }
            combinations.addAll(parsed);
        }
        if (texts.isEmpty()) {
            r.problems().error(r.path("allowedCombinations"), "list at least one combination, e.g. \"password,softwareOath\"");
        }
        return new AuthenticationStrength(id, displayName, description, combinations, false);
    }

    /** Every reading of one combination text; empty if any part names no method Keycloak has. */
    static List<MethodCombination> combinations(String text) {
        List<Set<AuthenticationMethod>> readings = new ArrayList<>();
        readings.add(EnumSet.noneOf(AuthenticationMethod.class));
        for (String part : text.split(",", -1)) {
            Set<AuthenticationMethod> choices = MethodNames.methods(part.trim());
            if (choices.isEmpty()) {
                return List.of();
            }
            List<Set<AuthenticationMethod>> next = new ArrayList<>();
            for (Set<AuthenticationMethod> reading : readings) {
                for (AuthenticationMethod choice : choices) {
                    Set<AuthenticationMethod> extended = EnumSet.noneOf(AuthenticationMethod.class);
                    extended.addAll(reading);
                    extended.add(choice);
                    next.add(extended);
                }
            }
            readings = next;
        }
        return readings.stream().distinct().map(MethodCombination::new).toList();
    }

    public ObjectNode write(AuthenticationStrength strength) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", strength.id());
        node.put("displayName", strength.displayName());
        node.put("description", strength.description());
        node.put("policyType", strength.builtIn() ? "builtIn" : "custom");
        node.put("requirementsSatisfied", "mfa");
        ArrayNode combinations = node.putArray("allowedCombinations");
        strength.allowedCombinations().stream().map(MethodCombination::toString).sorted().forEach(combinations::add);
        return node;
    }
}
