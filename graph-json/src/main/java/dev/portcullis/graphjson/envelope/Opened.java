package dev.portcullis.graphjson.envelope;

import java.time.Instant;
import java.util.Locale;

/** What opening a signed snapshot gave: its verified payload, or why it was refused. */
public sealed interface Opened {

    /**
     * The payload, signed by a trusted key.
     *
     * @param signedAt when the control plane signed it (the protected header's {@code iat})
     */
    record Verified(byte[] payload, String keyId, Instant signedAt) implements Opened {}

    /** @param detail what was wrong, for the log: never the payload, never a key */
    record Refused(Reason reason, String detail) implements Opened {}

    /** Why a snapshot was refused; each is counted on the node ({@code portcullis_snapshot_refused_total{reason}}). */
    enum Reason {
        /** Not a JWS at all (plain JSON, an unsigned {@code alg: none}), or not one of Portcullis' snapshots. */
        UNSIGNED,
        /** A JWS whose signature does not verify, or that uses an algorithm other than RS256. */
        SIGNATURE,
        /** Signed by a key this node does not trust (a wrong key, or a rotation the node was not told of). */
        UNKNOWN_KEY,
        /** The trusted keys could not be read (a JWK set that could not be fetched). */
        KEYS_UNAVAILABLE;

        /** As a metric tag and in logs. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
