package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The fact feed nodes follow: devices and users at risk, signed like the snapshot. A node names the
 * facts it holds in If-None-Match (their entity tag, as this answered it): it gets a 304 when nothing
 * changed, the changes since when something did, and the whole listing when it holds none, holds
 * another epoch's, or is so far behind that the listing is smaller. Waiting for a change is the
 * snapshot's long poll ({@link FactFeedCodec#KNOWN_FACTS_HEADER}), so one held request wakes a node for
 * either.
 */
@Path(FactsResource.PATH)
public class FactsResource {

    static final String PATH = "/v1.0/identity/conditionalAccess/facts";

    private final PublishFacts publish;
    private final PublishedFacts published;

    @Inject
    public FactsResource(PublishFacts publish, PublishedFacts published) {
        this.publish = publish;
        this.published = published;
    }

    @GET
    @Produces(SnapshotEnvelope.MEDIA_TYPE)
    @RolesAllowed({Roles.NODE, Roles.ADMIN, Roles.READER})
    public Response facts(@HeaderParam("If-None-Match") String ifNoneMatch) {
        String latest = publish.latest().etag();
        if (latest.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", latest).build();
        }
        PublishedFacts.Signed answer = PublishFacts.Stamp.ofEtag(ifNoneMatch).map(published::after)
                .orElseGet(published::listing);
        return Response.ok(answer.envelope(), SnapshotEnvelope.MEDIA_TYPE).header("ETag", answer.etag()).build();
    }
}
