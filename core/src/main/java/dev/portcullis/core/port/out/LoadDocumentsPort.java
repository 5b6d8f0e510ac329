package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Optional;

/** Reads the stored documents and the snapshot version they make up. */
public interface LoadDocumentsPort {

    /** Every document of a kind, ordered by id. */
    List<StoredDocument> loadAll(DocumentKind kind);

    Optional<StoredDocument> load(DocumentKind kind, String id);

    /** Increases with every change of any document: the version of the snapshot nodes pull. */
    long snapshotVersion();

    /**
     * The database's epoch: a random id made once when the database was created. Versions count within it; a
     * rebuilt database has another epoch, so nodes know its versions start again.
     */
    String snapshotEpoch();
}
