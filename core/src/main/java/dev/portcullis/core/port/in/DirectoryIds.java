package dev.portcullis.core.port.in;

import dev.portcullis.core.port.out.DirectoryPort.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users, groups, roles or applications a front end wants named, by the ids a policy holds: what a
 * policy editor asks once for each kind when it opens a policy. At most {@value #MAX_IDS} ids, as Graph
 * bounds its {@code in} operator, so one request costs the directory a bounded number of reads.
 */
public record DirectoryIds(Kind kind, List<String> ids) {

    public static final int MAX_IDS = 15;
    private static final String FORM = "id in ('…', '…') or id eq '…', each id in single quotes";
    private static final Pattern IN = Pattern.compile("id\\s+in\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern EQ = Pattern.compile("id\\s+eq\\s+(.*)", Pattern.DOTALL);

    public DirectoryIds {
        Objects.requireNonNull(kind, "kind");
        ids = List.copyOf(new LinkedHashSet<>(ids));
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("1 to " + MAX_IDS + " ids");
        }
    }

    /**
     * Graph's {@code $filter} as a front end sent it: {@code id in ('a','b')} or {@code id eq 'a'}, a quote
     * inside an id doubled ({@code 'O''Brien'}) as OData writes it; a problem names {@code $filter}.
     */
    public static Checked<DirectoryIds> of(Kind kind, String filter) {
        String text = filter == null ? "" : filter.strip();
        Matcher in = IN.matcher(text);
        Matcher eq = EQ.matcher(text);
        List<String> ids = in.matches() ? literals(in.group(1)) : eq.matches() ? literals(eq.group(1)) : null;
        if (eq.matches() && ids != null && ids.size() != 1) {
            ids = null;
        }
        if (ids == null || ids.isEmpty()) {
            return Checked.invalid("$filter", FORM);
        }
        if (new LinkedHashSet<>(ids).size() > MAX_IDS) {
            return Checked.invalid("$filter", "at most " + MAX_IDS + " ids in one request: ask again for the rest");
        }
        return Checked.valid(new DirectoryIds(kind, ids), List.of());
    }

    /** Comma-separated quoted literals, or null when the text is not that. */
    private static List<String> literals(String text) {
        List<String> found = new ArrayList<>();
        int at = skipSpaces(text, 0);
        while (at < text.length()) {
            if (text.charAt(at) != '\'') {
                return null;
            }
            StringBuilder id = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    return null; // no closing quote
                }
                char c = text.charAt(at++);
                if (c != '\'') {
                    id.append(c);
                } else if (at < text.length() && text.charAt(at) == '\'') {
                    id.append('\'');
                    at++;
                } else {
                    break;
                }
            }
            if (id.isEmpty()) {
                return null;
            }
            found.add(id.toString());
            at = skipSpaces(text, at);
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    return null;
                }
                at = skipSpaces(text, at + 1);
                if (at >= text.length()) {
                    return null; // a trailing comma
                }
            }
        }
        return found;
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}
