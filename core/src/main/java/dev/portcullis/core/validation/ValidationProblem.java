package dev.portcullis.core.validation;

/**
 * One thing wrong with input, at a field path in Graph's terms, for example
 * {@code conditions.locations.includeLocations[2]: unknown named location 'x'}.
 */
public record ValidationProblem(String path, String message) {

    public ValidationProblem prefixed(String prefix) {
        return new ValidationProblem(path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
