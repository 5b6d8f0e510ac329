package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Portcullis' {@code conditions.times} extension (Graph has no time condition): windows of weekdays
 * and times of day in an IANA time zone, to include or exclude.
 */
final class TimeConditionJson {

    private static final Set<String> WINDOW_FIELDS = Set.of("daysOfWeek", "startTime", "endTime", "timeZone");
    private static final String TIME_OF_DAY = "expected a time of day such as 07:30";

    private TimeConditionJson() {}

    static TimeCondition read(JsonReader t) {
        t.onlyKnownFields(Set.of("includeWindows", "excludeWindows"));
        return new TimeCondition(windows(t.objects("includeWindows")), windows(t.objects("excludeWindows")));
    }

    private static List<TimeWindow> windows(List<JsonReader> readers) {
        List<TimeWindow> windows = new ArrayList<>();
        for (JsonReader w : readers) {
            w.onlyKnownFields(WINDOW_FIELDS);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            List<String> dayNames = w.strings("daysOfWeek");
            for (int i = 0; i < dayNames.size(); i++) {
                try {
                    days.add(DayOfWeek.valueOf(dayNames.get(i).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    w.problems().error(w.path("daysOfWeek") + "[" + i + "]",
                            "unknown day '" + dayNames.get(i) + "'; use monday ... sunday");
                }
            }
            if (dayNames.isEmpty()) {
                w.problems().error(w.path("daysOfWeek"), "list at least one day");
            }
            LocalTime start = w.required("startTime", LocalTime::parse, TIME_OF_DAY);
            LocalTime end = w.required("endTime", LocalTime::parse, TIME_OF_DAY);
            ZoneId zone = null;
            String zoneName = w.requiredString("timeZone");
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                if (!zoneName.isEmpty()) {
                    w.problems().error(w.path("timeZone"), "unknown time zone '" + zoneName + "'; use an IANA name such as Europe/Berlin");
                }
            }
            if (!days.isEmpty() && start != null && end != null && zone != null) {
                windows.add(new TimeWindow(days, start, end, zone));
            }
        }
        return windows;
    }

    static void write(ObjectNode conditions, TimeCondition condition) {
        ObjectNode times = conditions.putObject("times");
        writeWindows(times.putArray("includeWindows"), condition.includeWindows());
        writeWindows(times.putArray("excludeWindows"), condition.excludeWindows());
    }

    private static void writeWindows(ArrayNode array, List<TimeWindow> windows) {
        for (TimeWindow window : windows) {
            ObjectNode w = array.addObject();
            ArrayNode days = w.putArray("daysOfWeek");
            for (DayOfWeek day : DayOfWeek.values()) {
                if (window.days().contains(day)) {
                    days.add(day.name().toLowerCase(Locale.ROOT));
                }
            }
            w.put("startTime", window.start().toString());
            w.put("endTime", window.end().toString());
            w.put("timeZone", window.timeZone().getId());
        }
    }
}
