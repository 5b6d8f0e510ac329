package dev.portcullis.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.risk.RiskAssessment.FiredRule;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import dev.portcullis.core.signin.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInRiskScorerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final GeoPoint BERLIN_OFFICE = new GeoPoint(52.52, 13.405);
    private static final GeoPoint SAO_PAULO = new GeoPoint(-23.55, -46.63);
    private final SignInRiskScorer scorer = new SignInRiskScorer(RiskRules.defaults()
            .withListedRanges(List.of(IpRange.of("185.220.100.0/22"))));

    /** An accountant who signs in from Berlin on working days between 08:00 and 17:00. */
    private static UserHistory officeWorker() {
        List<SignInFacts> past = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 10, 1);
        for (int i = 0; i < 40; i++) {
            LocalTime time = LocalTime.of(8 + (i % 9), 15);
            Instant at = ZonedDateTime.of(day.plusDays(i), time, BERLIN).toInstant();
            past.add(new SignInFacts(at, Optional.empty(), Optional.of("DE"), Optional.of(BERLIN_OFFICE)));
        }
        return new UserHistory(past, List.of(), BERLIN);
    }

    private static Instant berlin(String date, int hour) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.of(hour, 0), BERLIN).toInstant();
    }

    @Test
    void anOrdinaryOfficeSignInCarriesNoRisk() {
        SignInFacts now = new SignInFacts(berlin("2026-11-24", 10), Optional.empty(), Optional.of("DE"),
                Optional.of(BERLIN_OFFICE));
        RiskAssessment risk = scorer.assess(now, officeWorker());
        assertThat(risk.level()).isEqualTo(RiskLevel.NONE);
        assertThat(risk.firedRules()).isEmpty();
    }

    @Test
    void threeAmFromAnUnfamiliarCountryIsHighRiskAndSaysWhy() {
        SignInFacts now = new SignInFacts(berlin("2026-11-24", 3), Optional.empty(), Optional.of("BR"), Optional.empty());
        RiskAssessment risk = scorer.assess(now, officeWorker());
        assertThat(risk.firedRules()).extracting(FiredRule::rule).containsExactlyInAnyOrder("unfamiliarCountry", "unusualHours");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(risk.firedRules()).filteredOn(r -> r.rule().equals("unusualHours"))
                .singleElement().satisfies(r -> assertThat(r.detail()).startsWith("03:00 in Europe/Berlin"));
    }

    @Test
    void oneSignalAloneIsMedium() {
        SignInFacts now = new SignInFacts(berlin("2026-11-24", 11), Optional.empty(), Optional.of("AT"), Optional.empty());
        assertThat(scorer.assess(now, officeWorker()).level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void berlinToSaoPauloInTwoHoursIsImpossibleTravelButNotInTwoDays() {
        UserHistory history = officeWorker();
        Instant last = history.successfulSignIns().get(history.successfulSignIns().size() - 1).time();
        SignInFacts soon = new SignInFacts(last.plus(Duration.ofHours(2)), Optional.empty(), Optional.of("DE"),
                Optional.of(SAO_PAULO));
        SignInFacts later = new SignInFacts(last.plus(Duration.ofDays(2)), Optional.empty(), Optional.of("DE"),
                Optional.of(SAO_PAULO));
        assertThat(scorer.assess(soon, history).firedRules()).extracting(FiredRule::rule).contains("impossibleTravel");
        assertThat(scorer.assess(soon, history).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(scorer.assess(later, history).firedRules()).extracting(FiredRule::rule).doesNotContain("impossibleTravel");
    }

    @Test
    void anAddressInAListedRangeIsHighRisk() {
        SignInFacts now = new SignInFacts(berlin("2026-11-24", 10), IpAddress.parse("185.220.101.4"), Optional.of("DE"),
                Optional.empty());
        RiskAssessment risk = scorer.assess(now, officeWorker());
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(risk.firedRules()).extracting(FiredRule::rule).containsExactly("listedIpRange");
    }

    @Test
    void fiveDeniedPushesInAQuarterHourIsMfaFatigueButFourIsNot() {
        Instant now = berlin("2026-11-24", 10);
        List<Instant> five = List.of(now.minusSeconds(60), now.minusSeconds(120), now.minusSeconds(180),
                now.minusSeconds(240), now.minusSeconds(300));
        UserHistory worker = officeWorker();
        UserHistory fatigued = new UserHistory(worker.successfulSignIns(), five, BERLIN);
        UserHistory tired = new UserHistory(worker.successfulSignIns(), five.subList(0, 4), BERLIN);
        SignInFacts signIn = new SignInFacts(now, Optional.empty(), Optional.of("DE"), Optional.empty());
        assertThat(scorer.assess(signIn, fatigued).firedRules()).extracting(FiredRule::rule).containsExactly("mfaFatigue");
        assertThat(scorer.assess(signIn, tired).level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    void aNewUserIsNotFlaggedForHavingNoHistory() {
        SignInFacts now = new SignInFacts(berlin("2026-11-24", 3), Optional.empty(), Optional.of("BR"), Optional.empty());
        assertThat(scorer.assess(now, UserHistory.empty(BERLIN)).level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    void userRiskComesFromConfirmedCompromiseAndResetsWithAPasswordChange() {
        UserRiskAssessor assessor = UserRiskAssessor.defaults();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        List<UserRiskEvent> events = List.of(new UserRiskEvent.ConfirmedCompromised(now.minusSeconds(3600), "admin"));
        assertThat(assessor.assess(events, Optional.empty(), now).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(assessor.assess(events, Optional.of(now.minusSeconds(60)), now).level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    void repeatedHighRiskSignInsRaiseUserRisk() {
        UserRiskAssessor assessor = UserRiskAssessor.defaults();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        List<UserRiskEvent> one = List.of(new UserRiskEvent.HighRiskSignIn(now.minusSeconds(10)));
        List<UserRiskEvent> three = List.of(new UserRiskEvent.HighRiskSignIn(now.minusSeconds(10)),
                new UserRiskEvent.HighRiskSignIn(now.minus(Duration.ofDays(1))),
                new UserRiskEvent.HighRiskSignIn(now.minus(Duration.ofDays(6))));
        List<UserRiskEvent> stale = List.of(new UserRiskEvent.HighRiskSignIn(now.minus(Duration.ofDays(30))));
        assertThat(assessor.assess(one, Optional.empty(), now).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(assessor.assess(three, Optional.empty(), now).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(assessor.assess(stale, Optional.empty(), now).level()).isEqualTo(RiskLevel.NONE);
    }
}
