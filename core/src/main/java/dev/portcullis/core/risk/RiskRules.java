package dev.portcullis.core.risk;

import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The configurable sign-in risk rules. Each rule has the level it contributes when it fires; the
 * defaults follow common identity-protection practice.
 *
 * @param familiarityWindow only sign-ins this recent make a country familiar
 * @param minimumHistory a user with fewer earlier sign-ins is new: "unfamiliar" and "unusual"
 *     rules stay silent rather than flag everything they do
 * @param maxTravelSpeedKmh faster than an airliner between two sign-ins is impossible travel
 * @param usualHourShare a sign-in hour (with its neighbours) seen in less than this share of the
 *     user's history is outside their usual hours
 * @param listedRanges anonymising proxies, Tor exits, known-bad ranges
 * @param mfaFatigueFailures this many failed MFA attempts or denied pushes ...
 * @param mfaFatigueWindow ... within this window is MFA fatigue
 */
public record RiskRules(
        Duration familiarityWindow,
        int minimumHistory,
        RiskLevel unfamiliarCountryLevel,
        double maxTravelSpeedKmh,
        RiskLevel impossibleTravelLevel,
        double usualHourShare,
        RiskLevel unusualHoursLevel,
        List<IpRange> listedRanges,
        RiskLevel listedRangeLevel,
        int mfaFatigueFailures,
        Duration mfaFatigueWindow,
        RiskLevel mfaFatigueLevel) {

    public RiskRules {
        Objects.requireNonNull(familiarityWindow, "familiarityWindow");
        listedRanges = List.copyOf(listedRanges);
        if (minimumHistory < 0 || maxTravelSpeedKmh <= 0 || usualHourShare < 0 || usualHourShare > 1
                || mfaFatigueFailures < 1) {
            throw new IllegalArgumentException("risk rule parameters out of range");
        }
        for (RiskLevel level : List.of(unfamiliarCountryLevel, impossibleTravelLevel, unusualHoursLevel,
                listedRangeLevel, mfaFatigueLevel)) {
            if (level == null || level == RiskLevel.UNKNOWN) {
                throw new IllegalArgumentException("a rule contributes none, low, medium or high, not " + level);
            }
        }
    }

    public static RiskRules defaults() {
        return new RiskRules(Duration.ofDays(90), 5, RiskLevel.MEDIUM, 900, RiskLevel.HIGH, 0.05, RiskLevel.MEDIUM,
                List.of(), RiskLevel.HIGH, 5, Duration.ofMinutes(15), RiskLevel.HIGH);
    }

    public RiskRules withListedRanges(List<IpRange> ranges) {
        return new RiskRules(familiarityWindow, minimumHistory, unfamiliarCountryLevel, maxTravelSpeedKmh,
                impossibleTravelLevel, usualHourShare, unusualHoursLevel, ranges, listedRangeLevel, mfaFatigueFailures,
                mfaFatigueWindow, mfaFatigueLevel);
    }
}
