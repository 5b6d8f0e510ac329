package dev.portcullis.core.service;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the collection behaviour needs to know about one kind of document.
 *
 * @param store where documents of this kind are kept, as values
 * @param noun how a person names one ("named location")
 * @param builtIn documents that always exist and cannot change (Graph's built-in strengths)
 * @param namesOthers whether its writes take turns with the writes of what it names or what names it
 * @param guard why a write must not happen (the lockout guard), empty when it may: before, after, actor
 * @param usedBy what still names a document of this kind (by display name): such a document is not deleted
 */
public record DocumentType<T>(DocumentStore<T> store, String noun, Function<T, String> id,
        Function<T, String> displayName, BiFunction<T, String, T> withId, List<T> builtIn, boolean namesOthers,
        Guard<T> guard, Function<String, List<String>> usedBy) {

    /** Why a write must not happen; the caller can force past these reasons, never past a validation error. */
    @FunctionalInterface
    public interface Guard<T> {
        List<String> refusals(Optional<T> before, T after, String actor);

        static <T> Guard<T> none() {
            return (before, after, actor) -> List.of();
        }
    }

    public DocumentType {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(noun, "noun");
        builtIn = List.copyOf(builtIn);
    }

    /** A kind nothing refers to and nothing guards (devices). */
    public static <T> DocumentType<T> plain(DocumentStore<T> store, String noun, Function<T, String> id,
            Function<T, String> displayName, BiFunction<T, String, T> withId) {
        return new DocumentType<>(store, noun, id, displayName, withId, List.of(), false, Guard.none(),
                unused -> List.of());
    }

    DocumentKind kind() {
        return store.kind();
    }

    Optional<T> builtIn(String id) {
        return builtIn.stream().filter(v -> this.id.apply(v).equals(id)).findFirst();
    }
}
