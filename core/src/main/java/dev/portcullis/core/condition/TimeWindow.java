package dev.portcullis.core.condition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Days and hours in a time zone, for example Monday to Friday 07:00-19:00 Europe/Berlin. A window
 * whose end is before its start spans midnight (22:00-06:00); the night belongs to the day it
 * started on. Start is inclusive, end exclusive.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId timeZone) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(timeZone, "timeZone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a time window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.equals(end)) {
            return days.contains(day); // the whole day
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        return (days.contains(day) && !time.isBefore(start))
                || (days.contains(day.minus(1)) && time.isBefore(end));
    }
}
