package dev.portcullis.core;

/**
 * The null checks of a record's compact constructor in one call, instead of a line per component.
 * A missing component fails as {@link java.util.Objects#requireNonNull(Object, String)} would, with
 * the component's name as the message; the names are split only then, so the check stays cheap.
 */
public final class RecordComponents {

    private RecordComponents() {}

    /**
     * @param names the components' names, separated by single spaces, in the order of {@code values}
     * @throws NullPointerException naming the first component that is null
     */
    public static void requireNonNull(String names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(names.split(" ")[i]);
            }
        }
    }
}
