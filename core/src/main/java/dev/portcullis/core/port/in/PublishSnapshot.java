package dev.portcullis.core.port.in;

import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.snapshot.PolicySnapshot;

/**
 * The snapshot nodes enforce, as stored now: policies, locations, strengths and temporary access
 * passes. Devices and users at risk travel in the fact feed ({@link PublishFacts}).
 */
public interface PublishSnapshot {

    /** One version's snapshot and the evaluator indexed over it. */
    record Published(PolicySnapshot snapshot, Evaluator evaluator) {}

    /** Built once per snapshot version: every change of a document that is not a fact raises the version. */
    Published current();

    /** The database's epoch and the snapshot version in it, which names one content. */
    record Stamp(String epoch, long version) {
        public String etag() {
            return PolicySnapshot.etag(epoch, version);
        }
    }

    /** The stamp of what is stored now, read without building the snapshot (nodes ask often). */
    Stamp latest();
}
