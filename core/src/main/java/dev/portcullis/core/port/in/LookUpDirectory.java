package dev.portcullis.core.port.in;

import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryPort.Kind;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The directory as administrators and readers browse it to pick whom and what a policy names:
 * users, groups, roles and applications found by name, each with the id a policy takes. Read-only.
 */
public interface LookUpDirectory {

    int DEFAULT_TOP = 25;
    int MAX_TOP = 100;
    int MAX_TEXT = 100;

    /** What to list: a kind, a text its names contain (blank: any) and at most {@code top} of them. */
    record Search(Kind kind, String text, int top) {
        public Search {
            Objects.requireNonNull(kind, "kind");
            text = Objects.requireNonNull(text, "text").strip();
            if (top < 1 || top > MAX_TOP || text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("top 1.." + MAX_TOP + ", text up to " + MAX_TEXT + " characters");
            }
        }

        /**
         * A search as a front end was sent it, Graph's way: {@code $search} (a text, optionally in double
         * quotes; absent: any) and {@code $top} (absent: {@value #DEFAULT_TOP}); a problem names the parameter.
         */
        public static Checked<Search> of(Kind kind, String search, String top) {
            List<ValidationProblem> problems = new ArrayList<>();
            String text = search == null ? "" : search.strip();
            if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1);
            }
            if (text.length() > MAX_TEXT) {
                problems.add(new ValidationProblem("$search", "at most " + MAX_TEXT + " characters"));
            }
            int count = DEFAULT_TOP;
            if (top != null) {
                try {
                    count = Integer.parseInt(top.strip());
                } catch (NumberFormatException e) {
                    count = -1;
                }
                if (count < 1 || count > MAX_TOP) {
                    problems.add(new ValidationProblem("$top", "a whole number between 1 and " + MAX_TOP));
                }
            }
            return problems.isEmpty() ? Checked.valid(new Search(kind, text, count), List.of()) : Checked.invalid(problems);
        }
    }

    /**
     * @throws dev.portcullis.core.port.out.DirectoryUnavailableException when no directory is configured or
     *     it cannot be read
     */
    List<Entry> find(Search search);

    /**
     * The entries of one kind with these ids, as the directory knows them; an id it does not know (a deleted
     * user) is left out, so the caller can say which it could not name.
     *
     * @throws dev.portcullis.core.port.out.DirectoryUnavailableException when no directory is configured or
     *     it cannot be read
     */
    List<Entry> resolve(DirectoryIds ids);
}
