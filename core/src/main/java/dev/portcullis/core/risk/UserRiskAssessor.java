package dev.portcullis.core.risk;

import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * User risk (is the account itself compromised?) from confirmed compromise events and repeated
 * high-risk sign-ins. A password change after them resets it: the attacker's knowledge is gone.
 */
public final class UserRiskAssessor {

    /**
     * The risk rule a sign-in record names when the user said the sign-in was not theirs (denied a
     * push and reported it; Entra's detection of the same name): the account counts as compromised.
     */
    public static final String USER_REPORTED_SUSPICIOUS_ACTIVITY = "userReportedSuspiciousActivity";

    /** Something that speaks to the account being compromised. */
    public sealed interface UserRiskEvent {
        Instant at();

        /** An administrator confirmed the compromise. */
        record ConfirmedCompromised(Instant at, String by) implements UserRiskEvent {}

        /** A sign-in of this user was scored high risk. */
        record HighRiskSignIn(Instant at) implements UserRiskEvent {}
    }

    private final int highRiskSignInsForHighUserRisk;
    private final Duration window;

    public UserRiskAssessor(int highRiskSignInsForHighUserRisk, Duration window) {
        if (highRiskSignInsForHighUserRisk < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.highRiskSignInsForHighUserRisk = highRiskSignInsForHighUserRisk;
        this.window = window;
    }

    public static UserRiskAssessor defaults() {
        return new UserRiskAssessor(3, Duration.ofDays(7));
    }

    public RiskAssessment assess(List<UserRiskEvent> events, Optional<Instant> passwordChangedAt, Instant now) {
        List<RiskAssessment.FiredRule> fired = new ArrayList<>();
        Instant resetAt = passwordChangedAt.orElse(Instant.MIN);
        List<UserRiskEvent> live = events.stream().filter(e -> e.at().isAfter(resetAt) && !e.at().isAfter(now)).toList();
        live.stream().filter(e -> e instanceof UserRiskEvent.ConfirmedCompromised).findFirst().ifPresent(e ->
                fired.add(new RiskAssessment.FiredRule("confirmedCompromised", RiskLevel.HIGH,
                        "confirmed compromised by " + ((UserRiskEvent.ConfirmedCompromised) e).by() + " at " + e.at())));
        long highRisk = live.stream().filter(e -> e instanceof UserRiskEvent.HighRiskSignIn)
                .filter(e -> !e.at().isBefore(now.minus(window))).count();
        if (highRisk >= highRiskSignInsForHighUserRisk) {
            fired.add(new RiskAssessment.FiredRule("repeatedHighRiskSignIns", RiskLevel.HIGH,
                    highRisk + " high-risk sign-ins in the last " + window.toDays() + " days"));
        } else if (highRisk > 0) {
            fired.add(new RiskAssessment.FiredRule("highRiskSignIn", RiskLevel.MEDIUM,
                    highRisk + " high-risk sign-in(s) in the last " + window.toDays() + " days"));
        }
        RiskLevel level = fired.stream().map(RiskAssessment.FiredRule::level)
                .max(Enum::compareTo).orElse(RiskLevel.NONE);
        return new RiskAssessment(level, fired);
    }
}
