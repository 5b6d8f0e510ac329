package dev.portcullis.core.condition;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Ids keep the order an administrator wrote (validation paths index them) with O(1) lookup. */
final class OrderedIds {

    private OrderedIds() {}

    static <T> Set<T> copyOf(Collection<T> values) {
        return values.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    static <T> int indexOf(Set<T> values, T value) {
        int i = 0;
        for (T v : values) {
            if (v.equals(value)) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
