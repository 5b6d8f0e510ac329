package dev.portcullis.core.risk;

import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.risk.RiskAssessment.FiredRule;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores a sign-in against the user's own history. Deterministic: time comes from the facts, never
 * from a clock. The level is the highest any rule gives, raised one step when two or more rules fire
 * at medium or above (independent signals together are stronger than either).
 */
public final class SignInRiskScorer {

    private final RiskRules rules;

    public SignInRiskScorer(RiskRules rules) {
        this.rules = rules;
    }

    public RiskAssessment assess(SignInFacts current, UserHistory history) {
        List<FiredRule> fired = new ArrayList<>();
        listedRange(current).ifPresent(fired::add);
        unfamiliarCountry(current, history).ifPresent(fired::add);
        impossibleTravel(current, history).ifPresent(fired::add);
        unusualHours(current, history).ifPresent(fired::add);
        mfaFatigue(current, history).ifPresent(fired::add);
        return new RiskAssessment(combine(fired), fired);
    }

    private static RiskLevel combine(List<FiredRule> fired) {
        RiskLevel level = RiskLevel.NONE;
        int significant = 0;
        for (FiredRule rule : fired) {
            if (rule.level().compareTo(level) > 0) {
                level = rule.level();
            }
            if (rule.level().compareTo(RiskLevel.MEDIUM) >= 0) {
                significant++;
            }
        }
        if (significant >= 2 && level == RiskLevel.MEDIUM) {
            return RiskLevel.HIGH;
        }
        return level;
    }

    private Optional<FiredRule> listedRange(SignInFacts current) {
        if (current.ipAddress().isEmpty()) {
            return Optional.empty();
        }
        IpAddress address = current.ipAddress().get();
        for (IpRange range : rules.listedRanges()) {
            if (range.contains(address)) {
                return Optional.of(new FiredRule("listedIpRange", rules.listedRangeLevel(),
                        "address " + address + " is in listed range " + range));
            }
        }
        return Optional.empty();
    }

    private Optional<FiredRule> unfamiliarCountry(SignInFacts current, UserHistory history) {
        if (current.country().isEmpty()) {
            return Optional.empty();
        }
        Instant since = current.time().minus(rules.familiarityWindow());
        List<SignInFacts> recent = history.successfulSignIns().stream()
                .filter(s -> !s.time().isBefore(since) && s.time().isBefore(current.time())).toList();
        if (recent.size() < rules.minimumHistory()) {
            return Optional.empty();
        }
        String country = current.country().get();
        if (recent.stream().anyMatch(s -> s.country().map(country::equals).orElse(false))) {
            return Optional.empty();
        }
        return Optional.of(new FiredRule("unfamiliarCountry", rules.unfamiliarCountryLevel(),
                "no sign-in from " + country + " in the last " + rules.familiarityWindow().toDays() + " days"));
    }

    private Optional<FiredRule> impossibleTravel(SignInFacts current, UserHistory history) {
        if (current.position().isEmpty()) {
            return Optional.empty();
        }
        SignInFacts previous = null;
        for (SignInFacts past : history.successfulSignIns()) {
            if (past.position().isPresent() && !past.time().isAfter(current.time())) {
                previous = past;
            }
        }
        if (previous == null) {
            return Optional.empty();
        }
        double km = previous.position().get().kilometresTo(current.position().get());
        Duration elapsed = Duration.between(previous.time(), current.time());
        // Nearby sign-ins are never "travel": GeoIP positions are only accurate to tens of kilometres.
        if (km < 100) {
            return Optional.empty();
        }
        double hours = Math.max(elapsed.toMillis(), 1) / 3_600_000.0;
        double speed = km / hours;
        if (speed <= rules.maxTravelSpeedKmh()) {
            return Optional.empty();
        }
        return Optional.of(new FiredRule("impossibleTravel", rules.impossibleTravelLevel(),
                String.format(java.util.Locale.ROOT, "%.0f km in %d min since the previous sign-in (%.0f km/h)",
                        km, elapsed.toMinutes(), speed)));
    }

    private Optional<FiredRule> unusualHours(SignInFacts current, UserHistory history) {
        List<SignInFacts> past = history.successfulSignIns().stream()
                .filter(s -> s.time().isBefore(current.time())).toList();
        if (past.size() < Math.max(rules.minimumHistory(), 1)) {
            return Optional.empty();
        }
        int hour = current.time().atZone(history.timeZone()).getHour();
        long near = past.stream().filter(s -> {
            int h = s.time().atZone(history.timeZone()).getHour();
            int distance = Math.abs(h - hour);
            return Math.min(distance, 24 - distance) <= 1;
        }).count();
        if ((double) near / past.size() >= rules.usualHourShare()) {
            return Optional.empty();
        }
        return Optional.of(new FiredRule("unusualHours", rules.unusualHoursLevel(),
                String.format(java.util.Locale.ROOT, "%02d:00 in %s: %d of %d earlier sign-ins near this hour",
                        hour, history.timeZone(), near, past.size())));
    }

    private Optional<FiredRule> mfaFatigue(SignInFacts current, UserHistory history) {
        Instant since = current.time().minus(rules.mfaFatigueWindow());
        long failures = history.failedMfa().stream()
                .filter(t -> !t.isBefore(since) && !t.isAfter(current.time())).count();
        if (failures < rules.mfaFatigueFailures()) {
            return Optional.empty();
        }
        return Optional.of(new FiredRule("mfaFatigue", rules.mfaFatigueLevel(),
                failures + " failed MFA attempts or denied pushes in the last " + rules.mfaFatigueWindow().toMinutes()
                        + " min"));
    }
}
