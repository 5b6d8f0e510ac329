package dev.portcullis.core.condition;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.signin.SignIn;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Portcullis' extension beyond Entra: when the sign-in happens. Included windows (none: any time)
 * and excluded windows, with exclude beating include as for every other condition.
 */
public record TimeCondition(List<TimeWindow> includeWindows, List<TimeWindow> excludeWindows) implements Condition {

    public TimeCondition {
        includeWindows = List.copyOf(includeWindows);
        excludeWindows = List.copyOf(excludeWindows);
    }

    /** Applies outside the given working hours: "at 3 AM" is "not within office hours". */
    public static TimeCondition outside(TimeWindow workingHours) {
        return new TimeCondition(List.of(), List.of(workingHours));
    }

    public static TimeCondition within(TimeWindow window) {
        return new TimeCondition(List.of(window), List.of());
    }

    @Override
    public String name() {
        return "times";
    }

    @Override
    public ConditionResult evaluate(SignIn signIn, Map<String, NamedLocation> namedLocations) {
        Instant at = signIn.time();
        for (TimeWindow window : excludeWindows) {
            if (window.contains(at)) {
                return ConditionResult.notMatched("sign-in time is in an excluded window");
            }
        }
        if (includeWindows.isEmpty()) {
            return ConditionResult.MATCHED;
        }
        for (TimeWindow window : includeWindows) {
            if (window.contains(at)) {
                return ConditionResult.MATCHED;
            }
        }
        return ConditionResult.notMatched("sign-in time is in no included window");
    }
}
