package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.snapshot.FactFeed;
import dev.portcullis.core.snapshot.Facts;
import dev.portcullis.graphjson.FactFeedCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The fact feed's answers, signed. The listing every starting node asks for is signed once per
 * sequence (at 100,000 devices it is tens of megabytes); changes are small and signed per answer.
 */
@ApplicationScoped
public class PublishedFacts {

    /** One answer, signed, and the entity tag of the facts a node holds once it has applied it. */
    public record Signed(byte[] envelope, String etag) {}

    private record Listed(Facts facts, Signed signed) {}

    private final PublishFacts publish;
    private final FactFeedCodec codec = FactFeedCodec.instance();
    private final SnapshotSigner signer;
    private volatile Listed listed;

    @Inject
    public PublishedFacts(PublishFacts publish, SnapshotSigner signer) {
        this.publish = publish;
        this.signer = signer;
    }

    /** What a node that holds the facts of {@code known} needs next; the listing when it holds none. */
    public Signed after(PublishFacts.Stamp known) {
        FactFeed answer = publish.after(known);
        return answer instanceof FactFeed.Listing listing ? listing(listing.facts()) : sign(answer);
    }

    /** Every fact as stored now. */
    public Signed listing() {
        return listing(publish.current());
    }

    private Signed listing(Facts facts) {
        Listed known = listed;
        if (known != null && known.facts() == facts) {
            return known.signed();
        }
        synchronized (this) {
            known = listed;
            if (known == null || known.facts() != facts) {
                known = new Listed(facts, sign(new FactFeed.Listing(facts)));
                listed = known;
            }
            return known.signed();
        }
    }

    private Signed sign(FactFeed answer) {
        return new Signed(signer.seal(codec.write(answer)),
                new PublishFacts.Stamp(answer.epoch(), answer.sequence()).etag());
    }
}
