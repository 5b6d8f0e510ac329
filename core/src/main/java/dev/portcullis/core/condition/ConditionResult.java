package dev.portcullis.core.condition;

/** Whether one condition matched a sign-in, and if not, why (for What-If and the sign-in log). */
public record ConditionResult(boolean matched, String reason) {

    public static final ConditionResult MATCHED = new ConditionResult(true, "");

    public static ConditionResult notMatched(String reason) {
        return new ConditionResult(false, reason);
    }

    /** A match that is only a match because a signal was unknown: said so, never hidden. */
    public static ConditionResult matchedBecauseUnknown(String reason) {
        return new ConditionResult(true, reason);
    }
}
