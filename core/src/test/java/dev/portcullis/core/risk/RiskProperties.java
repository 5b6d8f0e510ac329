package dev.portcullis.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RiskProperties {

    private static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");
    private final SignInRiskScorer scorer = new SignInRiskScorer(RiskRules.defaults());

    @Property
    void theLevelIsTheStrongestFiredRuleOrOneStepAbove(@ForAll("histories") UserHistory history,
            @ForAll("signIns") SignInFacts current) {
        RiskAssessment risk = scorer.assess(current, history);
        RiskLevel strongest = risk.firedRules().stream().map(RiskAssessment.FiredRule::level)
                .max(Enum::compareTo).orElse(RiskLevel.NONE);
        assertThat(risk.level()).isIn(strongest, strongest == RiskLevel.MEDIUM ? RiskLevel.HIGH : strongest);
        assertThat(risk.level() == RiskLevel.NONE).isEqualTo(risk.firedRules().isEmpty());
    }

    @Property
    void aRecentSignInFromTheSameCountryNeverMakesItUnfamiliar(@ForAll("histories") UserHistory history,
            @ForAll("signIns") SignInFacts current) {
        List<SignInFacts> more = new ArrayList<>(history.successfulSignIns());
        more.add(new SignInFacts(current.time().minus(Duration.ofHours(1)), Optional.empty(), current.country(),
                Optional.empty()));
        RiskAssessment risk = scorer.assess(current, new UserHistory(more, history.failedMfa(), history.timeZone()));
        assertThat(risk.firedRules()).extracting(RiskAssessment.FiredRule::rule).doesNotContain("unfamiliarCountry");
    }

    @Property
    void shiftingEverythingByWholeDaysChangesNothing(@ForAll("histories") UserHistory history,
            @ForAll("signIns") SignInFacts current, @ForAll("days") int days) {
        Duration shift = Duration.ofDays(days);
        UserHistory shifted = new UserHistory(
                history.successfulSignIns().stream().map(s -> shift(s, shift)).toList(),
                history.failedMfa().stream().map(t -> t.plus(shift)).toList(), history.timeZone());
        assertThat(scorer.assess(shift(current, shift), shifted)).isEqualTo(scorer.assess(current, history));
    }

    private static SignInFacts shift(SignInFacts facts, Duration by) {
        return new SignInFacts(facts.time().plus(by), facts.ipAddress(), facts.country(), facts.position());
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(-400, 400);
    }

    @Provide
    Arbitrary<UserHistory> histories() {
        return signIns().list().ofMaxSize(30).flatMap(past -> times().list().ofMaxSize(8)
                .map(failures -> new UserHistory(past, failures, ZoneOffset.UTC)));
    }

    @Provide
    Arbitrary<SignInFacts> signIns() {
        Arbitrary<Optional<String>> country = Arbitraries.of("DE", "FR", "BR", "US").optional(0.9);
        Arbitrary<Optional<GeoPoint>> position = Combinators.combine(
                Arbitraries.doubles().between(-60, 70), Arbitraries.doubles().between(-180, 180))
                .as(GeoPoint::new).optional(0.5);
        return Combinators.combine(times(), country, position)
                .as((time, c, p) -> new SignInFacts(time, Optional.empty(), c, p));
    }

    private Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, Duration.ofDays(60).toMinutes()).map(m -> BASE.plus(Duration.ofMinutes(m)));
    }
}
