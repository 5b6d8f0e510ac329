package dev.portcullis.core.port.out;

import java.util.List;

/**
 * Which ids and display names are taken, per kind: what the Entra import checks a bundle against.
 * Services read {@link DocumentStore}s; this listing needs no value, so any store serves it.
 */
@FunctionalInterface
public interface LoadDocumentsPort {

    record Listed(DocumentKind kind, String id, String displayName) {}

    /** Every document of a kind, ordered by id. */
    List<Listed> loadAll(DocumentKind kind);

    /** The listing of typed stores. */
    static LoadDocumentsPort of(DocumentStores stores) {
        return kind -> stores.of(kind).all().stream().map(s -> new Listed(kind, s.id(), s.displayName())).toList();
    }
}
