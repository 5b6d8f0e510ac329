package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.UnevaluatedCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a policy's conditions Portcullis keeps as written and never evaluates (a policy
 * naming one then never applies), each with why: said in every outcome, and written back exactly
 * where and as it was read.
 */
final class UnevaluatedParts {

    static final String AGENTS = "agent identities do not sign in through Keycloak: this policy is never enforced";
    static final String GLOBAL_SECURE_ACCESS =
            "Global Secure Access traffic does not pass through Keycloak: this policy is never enforced";
    static final String WORKLOAD_RISK = "workload identity risk has no source in Portcullis: this policy is never enforced";
    static final String ATTRIBUTE_FILTER =
            "filters over custom security attributes are not evaluated: this policy is never enforced";
    static final String AUTHENTICATION_CONTEXT =
            "Keycloak has no authentication contexts: this policy is never enforced";
    static final String DEVICE_STATES =
            "deprecated device states are not evaluated (use devices.deviceFilter): this policy is never enforced";

    private final List<UnevaluatedCondition> kept = new ArrayList<>();

    /**
     * Keeps a configured part and says so; in strict mode it is refused.
     *
     * @param parent the path under {@code conditions} of the object holding the field, empty at the top
     */
    void keep(JsonReader r, String field, String parent, String reason) {
        if (!r.configured(field)) {
            return;
        }
        r.problems().unenforceable(r.path(field), "never enforced: " + reason.substring(0, reason.indexOf(':'))
                + "; the policy is kept as written (it can stay report-only)");
        kept.add(new UnevaluatedCondition(parent.isEmpty() ? field : parent + "." + field,
                r.rawWithoutAnnotations(field), reason));
    }

    /** Every field of {@code fields} kept, for the same reason. */
    void keep(JsonReader r, List<String> fields, String parent, String reason) {
        fields.forEach(field -> keep(r, field, parent, reason));
    }

    List<UnevaluatedCondition> kept() {
        return kept;
    }

    /** Writes each kept part back where it was read, exactly as it was written. */
    static void writeBack(ObjectNode conditions, List<UnevaluatedCondition> kept) {
        for (UnevaluatedCondition part : kept) {
            int dot = part.name().indexOf('.');
            ObjectNode parent = conditions;
            if (dot > 0) {
                String object = part.name().substring(0, dot);
                parent = conditions.get(object) instanceof ObjectNode existing ? existing : conditions.putObject(object);
            }
            parent.set(part.name().substring(dot + 1), JsonText.shared().tree(part.graphJson()));
        }
    }
}
