package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.port.in.PublishFacts;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The versioned snapshot Keycloak nodes pull, signed (a JWS, {@code application/jose}), and the
 * public keys it is signed with. Its ETag is the database's epoch and the snapshot version, so a
 * node that is up to date gets a 304 without the policies being read at all. A node that also sends
 * {@code Prefer: wait=N} (RFC 7240) is answered when the version moves on, or with the 304 after
 * N seconds at most: a policy change reaches it in about a tenth of a second instead of a poll
 * interval, and an idle node costs one request per wait instead of one per second.
 *
 * <p>A node that follows the fact feed names the facts it has in {@code Portcullis-Known-Facts} (their
 * entity tag): the wait then also ends when a fact changes, answered with the 304, and the node reads
 * the change from {@link FactsResource}. One long poll wakes a node for either.
 */
@Path("/v1.0/identity/conditionalAccess/snapshot")
public class SnapshotResource {

    static final String JWK_SET = "application/jwk-set+json";

    private final PublishSnapshot publish;
    private final PublishFacts facts;
    private final PublishedSnapshot published;
    private final SnapshotChanges changes;
    private final SnapshotSigner signer;
    private final Duration maxWait;

    @Inject
    public SnapshotResource(PublishSnapshot publish, PublishFacts facts, PublishedSnapshot published,
            SnapshotChanges changes, SnapshotSigner signer,
            @ConfigProperty(name = "portcullis.snapshot.max-wait", defaultValue = "30s") Duration maxWait) {
        this.publish = publish;
        this.facts = facts;
        this.published = published;
        this.changes = changes;
        this.signer = signer;
        this.maxWait = maxWait;
    }

    @GET
    @Produces(SnapshotEnvelope.MEDIA_TYPE)
    @RolesAllowed({Roles.NODE, Roles.ADMIN, Roles.READER})
    @Blocking
    public CompletionStage<Response> snapshot(@HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam("Prefer") String prefer, @HeaderParam(FactFeedCodec.KNOWN_FACTS_HEADER) String knownFacts) {
        PublishSnapshot.Stamp stamp = publish.latest();
        long version = stamp.version();
        Optional<Duration> wait = waitPreference(prefer).map(w -> w.compareTo(maxWait) > 0 ? maxWait : w);
        // A node that asked to wait hears that it was honoured, even when the answer is at hand: it may ask again at once.
        String applied = wait.map(w -> "wait=" + w.toSeconds()).orElse(null);
        // Another epoch's ETag never matches: after a database was rebuilt, a node gets the new snapshot.
        String etag = stamp.etag();
        if (!etag.equals(ifNoneMatch)) {
            return CompletableFuture.completedFuture(current().header("Preference-Applied", applied).build());
        }
        long factSequence = SnapshotChanges.Known.NOT_FOLLOWED;
        if (knownFacts != null) {
            PublishFacts.Stamp latestFacts = facts.latest();
            if (wait.isPresent() && !latestFacts.etag().equals(knownFacts)) {
                // The facts moved on already: the node hears it now, and reads them from the fact feed.
                return CompletableFuture.completedFuture(notModified(etag).header("Preference-Applied", applied).build());
            }
            factSequence = latestFacts.sequence();
        }
        if (wait.isEmpty()) {
            return CompletableFuture.completedFuture(notModified(etag).build());
        }
        // The wait holds no thread; the answer is built on a worker, since it may read the database.
        return changes.after(new SnapshotChanges.Known(version, factSequence), wait.get())
                .thenApplyAsync(moved -> (!moved || publish.latest().version() == version ? notModified(etag) : current())
                        .header("Preference-Applied", applied).build(), Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The public keys snapshots are signed with (RFC 7517), for nodes configured with a JWK set URL
     * rather than a pinned key. Public: they are public keys. Fetch them only over TLS (docs/deployment.md).
     */
    @GET
    @Path("keys")
    @Produces(JWK_SET)
    @PermitAll
    public Response keys() {
        return Response.ok(signer.jwks(), JWK_SET).header("Cache-Control", "max-age=300").build();
    }

    private Response.ResponseBuilder current() {
        PublishedSnapshot.Current current = published.current();
        return Response.ok(current.envelope(), SnapshotEnvelope.MEDIA_TYPE).header("ETag", current.snapshot().etag());
    }

    private static Response.ResponseBuilder notModified(String etag) {
        return Response.notModified().header("ETag", etag);
    }

    /** The {@code wait} preference in seconds; a preference that is not a whole number of seconds is ignored (RFC 7240). */
    static Optional<Duration> waitPreference(String prefer) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (token.startsWith("wait") && token.substring(4).trim().startsWith("=")) {
                String value = token.substring(4).trim().substring(1).trim();
                int seconds = value.matches("[0-9]{1,6}") ? Integer.parseInt(value) : 0;
                if (seconds > 0) {
                    return Optional.of(Duration.ofSeconds(seconds));
                }
            }
        }
        return Optional.empty();
    }
}
