package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.validation.PolicyValidator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Graph's conditionalAccessPolicy resource (v1.0 and the beta properties exports carry), Graph's
 * conditionalAccessTemplate (its {@code details} read as a new report-only policy), plus Portcullis'
 * {@code conditions.times} extension. Its parts: {@link ConditionsJson}, {@link GrantControlsJson},
 * {@link SessionControlsJson}. Stateless: one instance serves every caller.
 */
public final class PolicyCodec {

    private static final PolicyCodec INSTANCE = new PolicyCodec();

    private static final Set<String> POLICY_FIELDS = Set.of("id", "displayName", "state", "conditions",
            "grantControls", "sessionControls", "createdDateTime", "modifiedDateTime", "templateId", "description",
            "partialEnablementStrategy", "deletedDateTime");

    private PolicyCodec() {}

    public static PolicyCodec instance() {
        return INSTANCE;
    }

    public Parsed<ConditionalAccessPolicy> read(JsonNode json, ReadMode mode) {
        return JsonReader.document(json, mode, JsonReader.AN_OBJECT, this::read);
    }

    /**
     * Reads a policy and checks it against the named locations and strengths it may refer to:
     * every problem, from JSON types to unknown location ids, in one list.
     */
    public Parsed<ConditionalAccessPolicy> read(JsonNode json, ReadMode mode, Map<String, NamedLocation> namedLocations,
            Map<String, AuthenticationStrength> strengths) {
        return JsonReader.document(json, mode, JsonReader.AN_OBJECT, r -> {
            ConditionalAccessPolicy policy = r.problems().validated(read(r),
                    p -> PolicyValidator.validate(p, namedLocations, strengths));
            if (policy != null) {
                neverEnforcedLocations(policy, namedLocations, r.problems());
            }
            return policy;
        });
    }

    /**
     * Checks a policy already read against the named locations and strengths it names: the
     * validator's errors, and in strict mode the parts it names that are never enforced.
     */
    public Parsed<ConditionalAccessPolicy> check(ConditionalAccessPolicy policy, ReadMode mode,
            Map<String, NamedLocation> namedLocations, Map<String, AuthenticationStrength> strengths) {
        ReadProblems problems = new ReadProblems(mode);
        problems.errors.addAll(PolicyValidator.validate(policy, namedLocations, strengths));
        neverEnforcedLocations(policy, namedLocations, problems);
        return problems.result(policy);
    }

    private static void neverEnforcedLocations(ConditionalAccessPolicy policy, Map<String, NamedLocation> namedLocations,
            ReadProblems problems) {
        policy.conditions().locations().map(l -> l.compliantNetwork(namedLocations)).ifPresent(network ->
                problems.unenforceable("conditions.locations", "never enforced: names the Global Secure"
                        + " Access compliant network '" + network + "', which Keycloak cannot see"));
    }

    ConditionalAccessPolicy read(JsonReader policy) {
        if (policy.has("details") && !policy.has("conditions")) {
            return template(policy);
        }
        policy.onlyKnownFields(POLICY_FIELDS);
        policy.readOnly("createdDateTime", "modifiedDateTime", "deletedDateTime", "templateId",
                "partialEnablementStrategy");
        String id = policy.string("id").orElse("");
        String displayName = policy.requiredString("displayName");
        PolicyState state = policy.enumValue("state", PolicyState.class).orElse(PolicyState.DISABLED);
        if (!policy.has("state")) {
            policy.problems().error(policy.path("state"), "required: enabled, disabled or enabledForReportingButNotEnforced");
        }
        return body(policy, id, displayName, state);
    }

    /**
     * A conditionalAccessTemplate: the policy sits under {@code details}. It becomes a new policy named
     * after the template, report-only (a template has no state of its own).
     */
    private static ConditionalAccessPolicy template(JsonReader template) {
        template.onlyKnownFields(Set.of("id", "name", "description", "scenarios", "details"));
        String name = template.requiredString("name");
        template.problems().warning("", "a conditionalAccessTemplate: its details are read as a new policy named"
                + " after it, report-only (a template has no state)");
        Optional<JsonReader> details = template.object("details");
        if (details.isEmpty()) {
            template.problems().error(template.path("details"), "required: the template's policy");
            return null;
        }
        details.get().onlyKnownFields(Set.of("conditions", "grantControls", "sessionControls"));
        return body(details.get(), "", name, PolicyState.REPORT_ONLY);
    }

    private static ConditionalAccessPolicy body(JsonReader policy, String id, String displayName, PolicyState state) {
        Optional<JsonReader> conditionsNode = policy.object("conditions");
        if (conditionsNode.isEmpty() && (!policy.has("conditions") || policy.raw("conditions").isArray())) {
            policy.problems().error(policy.path("conditions"), "required: an object with users and applications");
        }
        Conditions conditions = conditionsNode.map(ConditionsJson::read).orElse(null);
        SessionControls session = policy.object("sessionControls").map(SessionControlsJson::read)
                .orElse(SessionControls.none());
        Optional<JsonReader> grantNode = policy.object("grantControls");
        GrantControls grant = grantNode.map(GrantControlsJson::read).orElse(null);
        if (grant == null && !policy.has("grantControls")) {
            if (session.configured()) {
                grant = GrantControls.none(); // a session-only policy, as Entra allows
            } else {
                policy.problems().error(policy.path("grantControls"),
                        "required: 'block', the controls that grant access, or session controls");
            }
        }
        if (grant != null && grant.controlCount() == 0 && session.signInFrequency().isPresent()) {
            policy.problems().unenforceable(policy.path("sessionControls.signInFrequency"), "without grant controls"
                    + " Entra asks for a fresh sign-in; Portcullis applies sign-in frequency only to the MFA a policy"
                    + " requires: not enforced here");
        }
        if (conditions == null || grant == null) {
            return null;
        }
        return new ConditionalAccessPolicy(id, displayName, state, conditions, grant, session);
    }

    public ObjectNode write(ConditionalAccessPolicy policy) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", policy.id());
        node.put("displayName", policy.displayName());
        node.put("state", policy.state().graphName());
        ConditionsJson.write(node.putObject("conditions"), policy.conditions());
        GrantControlsJson.write(node, policy.grantControls());
        SessionControlsJson.write(node, policy.sessionControls());
        return node;
    }
}
