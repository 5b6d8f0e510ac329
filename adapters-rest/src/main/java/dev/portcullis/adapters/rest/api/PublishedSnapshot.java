package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.GraphJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The snapshot as stored now, with its evaluator, built once per snapshot version: every change of
 * any document raises the version, so a version names one content, and reading and indexing 195
 * policies happens once per change instead of once per What-If, and so does signing it.
 */
@ApplicationScoped
public class PublishedSnapshot {

    /** One version's snapshot, the evaluator indexed over it, and the signed envelope nodes pull. */
    public record Current(PolicySnapshot snapshot, Evaluator evaluator, byte[] envelope) {}

    private final LoadDocumentsPort load;
    private final PolicyDocuments documents;
    private final GraphJson json = new GraphJson();
    private final SnapshotSigner signer;
    private volatile Current current;

    @Inject
    public PublishedSnapshot(LoadDocumentsPort load, SnapshotSigner signer) {
        this.load = load;
        this.signer = signer;
        this.documents = new PolicyDocuments(json, load);
    }

    public Current current() {
        Current known = current;
        long version = load.snapshotVersion();
        if (known != null && known.snapshot().version() == version) {
            return known;
        }
        return rebuild(version);
    }

    private synchronized Current rebuild(long version) {
        Current known = current;
        if (known != null && known.snapshot().version() == version) {
            return known;
        }
        PolicySnapshot snapshot = documents.snapshot();
        Current fresh = new Current(snapshot, Evaluator.of(snapshot.policySet()), signer.seal(json.writeSnapshot(snapshot)));
        // A change that landed while reading has a higher version: keep only what matches its version.
        current = fresh;
        return fresh;
    }
}
