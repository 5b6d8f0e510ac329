package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.SignIn;
import java.util.Map;

/**
 * Graph's device filter: in {@code include} mode the policy applies to devices the rule matches, in
 * {@code exclude} mode to devices it does not match. A device no trustworthy source knows always
 * matches, in both modes: an unknown device never escapes a policy (fail secure).
 */
public record DevicesCondition(Mode mode, String rule, DeviceFilter filter) implements Condition {

    public enum Mode {
        INCLUDE("include"),
        EXCLUDE("exclude");

        private final String graphName;

        Mode(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    /** Parses the rule; invalid rules throw, so readers report {@link DeviceFilter#parse} first. */
    public static DevicesCondition of(Mode mode, String rule) {
        DeviceFilter.Parsed parsed = DeviceFilter.parse(rule);
        if (parsed instanceof DeviceFilter.Parsed.Ok ok) {
            return new DevicesCondition(mode, rule, ok.filter());
        }
        throw new IllegalArgumentException(((DeviceFilter.Parsed.Invalid) parsed).message());
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        if (!(signIn.device() instanceof DeviceState.Known known)) {
            return ConditionResult.matchedBecauseUnknown("device is unknown: treated as matching (fail secure)");
        }
        boolean ruleMatches = filter.matches(known);
        boolean applies = mode == Mode.INCLUDE ? ruleMatches : !ruleMatches;
        return applies
                ? ConditionResult.MATCHED
                : ConditionResult.notMatched("device " + (mode == Mode.INCLUDE ? "does not match" : "matches")
                        + " the " + mode.graphName() + " filter");
    }
}
