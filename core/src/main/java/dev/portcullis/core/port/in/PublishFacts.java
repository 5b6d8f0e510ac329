package dev.portcullis.core.port.in;

import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.util.Optional;

/** The fact feed nodes follow: devices and users at risk, listed once, then as changes. */
public interface PublishFacts {

    /** The database's epoch and the last fact change in it. */
    record Stamp(String epoch, long sequence) {
        public String etag() {
            return PolicySnapshot.etag(epoch, sequence);
        }

        /** The stamp an entity tag names, as a node sends it back in If-None-Match; empty for anything else. */
        public static Optional<Stamp> ofEtag(String etag) {
            if (etag == null || !etag.matches("\"[A-Za-z0-9-]{1,64}\\.[0-9]{1,18}\"")) {
                return Optional.empty();
            }
            int dot = etag.lastIndexOf('.');
            return Optional.of(new Stamp(etag.substring(1, dot), Long.parseLong(etag.substring(dot + 1, etag.length() - 1))));
        }
    }

    /** The stamp of the facts stored now, read without reading them (nodes ask often). */
    Stamp latest();

    /** Every fact as stored now: built once per sequence, as every node that starts asks for it. */
    Facts current();

    /**
     * What a node that has the facts up to {@code known} needs next: the changes after it, or the
     * whole listing when {@code known} is of another epoch, ahead of the database (restored from a
     * backup), or so far behind that the listing is the smaller answer.
     */
    FactFeed after(Stamp known);
}
