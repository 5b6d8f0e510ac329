package dev.portcullis.core.condition;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.portcullis.core.signin.SignIn;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(MONDAY, FRIDAY);

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static TimeWindow window(Set<DayOfWeek> days, String start, String end, ZoneId zone) {
        return new TimeWindow(days, LocalTime.parse(start), LocalTime.parse(end), zone);
    }

    @Test
    void startIsInclusiveEndExclusive() {
        TimeWindow office = window(WEEKDAYS, "07:00", "19:00", BERLIN);

        // 2026-03-11 is a Wednesday.
        assertThat(office.contains(berlin("2026-03-11T06:59:59"))).isFalse();
        assertThat(office.contains(berlin("2026-03-11T07:00:00"))).isTrue();
        assertThat(office.contains(berlin("2026-03-11T18:59:59.999"))).isTrue();
        assertThat(office.contains(berlin("2026-03-11T19:00:00"))).isFalse();
        assertThat(office.contains(berlin("2026-03-14T10:00:00"))).as("Saturday").isFalse();
    }

    @Test
    void aWindowSpanningMidnightBelongsToTheDayItStarts() {
        TimeWindow fridayNight = window(Set.of(FRIDAY), "22:00", "06:00", BERLIN);

        // 2026-03-13 is a Friday.
        assertThat(fridayNight.contains(berlin("2026-03-13T21:59"))).isFalse();
        assertThat(fridayNight.contains(berlin("2026-03-13T22:00"))).isTrue();
        assertThat(fridayNight.contains(berlin("2026-03-13T23:59:59"))).isTrue();
        assertThat(fridayNight.contains(berlin("2026-03-14T00:00"))).as("Saturday morning is Friday night").isTrue();
        assertThat(fridayNight.contains(berlin("2026-03-14T05:59:59"))).isTrue();
        assertThat(fridayNight.contains(berlin("2026-03-14T06:00"))).isFalse();
        assertThat(fridayNight.contains(berlin("2026-03-14T22:30"))).as("Saturday night is not listed").isFalse();
        assertThat(fridayNight.contains(berlin("2026-03-13T03:00"))).as("Friday early morning is Thursday night")
                .isFalse();
    }

    @Test
    void sundayNightRunsIntoMonday() {
        TimeWindow sundayNight = window(Set.of(SUNDAY), "23:00", "02:00", BERLIN);

        assertThat(sundayNight.contains(berlin("2026-03-16T01:00"))).isTrue(); // Monday 01:00
        assertThat(sundayNight.contains(berlin("2026-03-10T01:00"))).isFalse(); // Tuesday 01:00
    }

    @Test
    void anEndAtMidnightRunsToTheEndOfTheDay() {
        TimeWindow evening = window(Set.of(MONDAY), "20:00", "00:00", BERLIN);

        assertThat(evening.contains(berlin("2026-03-09T23:59:59"))).isTrue();
        assertThat(evening.contains(berlin("2026-03-10T00:00"))).isFalse();
        assertThat(evening.contains(berlin("2026-03-09T19:59"))).isFalse();
    }

    @Test
    void equalStartAndEndIsTheWholeDay() {
        TimeWindow tuesdays = window(Set.of(TUESDAY), "00:00", "00:00", BERLIN);

        assertThat(tuesdays.contains(berlin("2026-03-10T00:00"))).isTrue();
        assertThat(tuesdays.contains(berlin("2026-03-10T23:59:59"))).isTrue();
        assertThat(tuesdays.contains(berlin("2026-03-11T00:00"))).isFalse();
    }

    @Test
    void theSameInstantIsJudgedInTheWindowsTimeZone() {
        Instant instant = Instant.parse("2026-03-11T13:30:00Z"); // 14:30 in Berlin, 09:30 in New York (EDT)

        assertThat(window(WEEKDAYS, "14:00", "15:00", BERLIN).contains(instant)).isTrue();
        assertThat(window(WEEKDAYS, "14:00", "15:00", NEW_YORK).contains(instant)).isFalse();
        assertThat(window(WEEKDAYS, "09:00", "10:00", NEW_YORK).contains(instant)).isTrue();
        assertThat(window(WEEKDAYS, "13:00", "14:00", ZoneOffset.UTC).contains(instant)).isTrue();
    }

    @Test
    void theDayIsTheLocalDayToo() {
        Instant mondayInTokyo = Instant.parse("2026-03-08T16:00:00Z"); // Sunday 17:00 in Berlin, Monday 01:00 in Tokyo

        assertThat(window(Set.of(MONDAY), "00:00", "02:00", ZoneId.of("Asia/Tokyo")).contains(mondayInTokyo)).isTrue();
        assertThat(window(Set.of(MONDAY), "00:00", "02:00", BERLIN).contains(mondayInTokyo)).isFalse();
    }

    @Test
    void wallClockHoursHoldAcrossDaylightSavingTime() {
        TimeWindow office = window(EnumSet.allOf(DayOfWeek.class), "09:00", "17:00", BERLIN);

        // Winter (CET, UTC+1): 08:30 UTC is 09:30 local. Summer (CEST, UTC+2): 07:30 UTC is 09:30 local.
        assertThat(office.contains(Instant.parse("2026-01-14T08:30:00Z"))).isTrue();
        assertThat(office.contains(Instant.parse("2026-01-14T07:30:00Z"))).isFalse();
        assertThat(office.contains(Instant.parse("2026-07-15T07:30:00Z"))).isTrue();
        assertThat(office.contains(Instant.parse("2026-07-15T15:30:00Z"))).isFalse(); // 17:30 CEST
    }

    @Test
    void theDaysOfTheClockChangesBehave() {
        // Spring forward on 2026-03-29 (Sunday): 02:00 CET jumps to 03:00 CEST; 02:00-03:00 does not exist.
        TimeWindow night = window(Set.of(SATURDAY, SUNDAY), "01:00", "04:00", BERLIN);
        assertThat(night.contains(Instant.parse("2026-03-29T00:30:00Z"))).isTrue(); // 01:30 CET
        assertThat(night.contains(Instant.parse("2026-03-29T01:00:00Z"))).isTrue(); // 03:00 CEST
        assertThat(night.contains(Instant.parse("2026-03-29T02:00:00Z"))).isFalse(); // 04:00 CEST

        // Fall back on 2026-10-25 (Sunday): 02:00-03:00 happens twice, and both count.
        TimeWindow twoToThree = window(Set.of(SUNDAY), "02:00", "03:00", BERLIN);
        assertThat(twoToThree.contains(Instant.parse("2026-10-25T00:30:00Z"))).isTrue(); // 02:30 CEST
        assertThat(twoToThree.contains(Instant.parse("2026-10-25T01:30:00Z"))).isTrue(); // 02:30 CET
        assertThat(twoToThree.contains(Instant.parse("2026-10-25T02:00:00Z"))).isFalse(); // 03:00 CET
    }

    @Test
    void aWindowNeedsADayAndItsParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> window(Set.of(), "01:00", "02:00", BERLIN));
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> new TimeWindow(WEEKDAYS, null, LocalTime.NOON, BERLIN));
    }

    @Test
    void timeConditionExcludeBeatsInclude() {
        TimeWindow weekdays = window(WEEKDAYS, "00:00", "00:00", BERLIN);
        TimeWindow lunch = window(WEEKDAYS, "12:00", "13:00", BERLIN);
        TimeCondition condition = new TimeCondition(List.of(weekdays), List.of(lunch));

        assertThat(condition.evaluate(at("2026-03-11T10:00"), Map.of()).matched()).isTrue();
        assertThat(condition.evaluate(at("2026-03-11T12:30"), Map.of()).reason())
                .isEqualTo("sign-in time is in an excluded window");
        assertThat(condition.evaluate(at("2026-03-14T10:00"), Map.of()).reason())
                .isEqualTo("sign-in time is in no included window");
        assertThat(TimeCondition.outside(lunch).evaluate(at("2026-03-14T12:30"), Map.of()).matched()).isTrue();
        assertThat(TimeCondition.within(lunch).evaluate(at("2026-03-11T12:30"), Map.of()).matched()).isTrue();
    }

    private static SignIn at(String berlinLocal) {
        return SignIn.builder("u", berlin(berlinLocal)).build();
    }
}
