package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.validation.ValidationProblem;
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
}
