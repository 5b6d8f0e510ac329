package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Query parameters the log endpoints share, read with a problem named after the parameter. */
final class QueryParameters {

    private QueryParameters() {}

    static Optional<Instant> instant(String name, String text, List<ValidationProblem> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            problems.add(new ValidationProblem(name, "expected an ISO-8601 instant such as 2026-11-24T08:00:00Z"));
            return Optional.empty();
        }
    }

    /**
     * The period a policy's impact is read over, from {@code from} and {@code to} as sent (either may be
     * null): by default the 7 days up to now.
     */
    static Checked<ReadLogs.Period> period(String from, String to, Clock clock) {
        List<ValidationProblem> problems = new java.util.ArrayList<>();
        Instant end = instant("to", to, problems).orElse(clock.instant());
        Instant start = instant("from", from, problems).orElse(end.minus(Duration.ofDays(7)));
        if (problems.isEmpty() && start.isAfter(end)) {
            problems.add(new ValidationProblem("from", "must not be after 'to'"));
        }
        return problems.isEmpty() ? Checked.valid(new ReadLogs.Period(start, end), List.of()) : Checked.invalid(problems);
    }
}
