package dev.portcullis.core.port.out;

/** The version the stored documents make up together: what nodes pull, and what they wait on. */
public interface SnapshotVersionPort {

    /** Increases with every change of any document: the version of the snapshot nodes pull. */
    long snapshotVersion();

    /**
     * The database's epoch: a random id made once when the database was created. Versions count within it; a
     * rebuilt database has another epoch, so nodes know its versions start again.
     */
    String snapshotEpoch();
}
