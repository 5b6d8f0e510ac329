package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.SnapshotCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The published snapshot and the signed envelope nodes pull, signed once per snapshot version
 * (the use case builds the snapshot once per version too).
 */
@ApplicationScoped
public class PublishedSnapshot {

    /** One version's snapshot and the signed envelope nodes pull. */
    public record Current(PolicySnapshot snapshot, byte[] envelope) {}

    private final PublishSnapshot publish;
    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private final SnapshotSigner signer;
    private volatile Current current;

    @Inject
    public PublishedSnapshot(PublishSnapshot publish, SnapshotSigner signer) {
        this.publish = publish;
        this.signer = signer;
    }

    public Current current() {
        PublishSnapshot.Published published = publish.current();
        Current known = current;
        if (known != null && known.snapshot() == published.snapshot()) {
            return known;
        }
        return sign(published);
    }

    private synchronized Current sign(PublishSnapshot.Published published) {
        Current known = current;
        if (known != null && known.snapshot() == published.snapshot()) {
            return known;
        }
        Current fresh = new Current(published.snapshot(), signer.seal(snapshots.write(published.snapshot())));
        current = fresh;
        return fresh;
    }
}
