package dev.portcullis.adapters.keycloak.controlplane;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane as a node reaches it: one URL (a load balancer, or a single instance), or its
 * replicas as a list. Requests go to the current replica; when it cannot be reached (no connection,
 * or a 5xx while it goes down) the next one becomes current, for snapshot pulls and sign-in
 * shipping alike, and stays current while it answers. Replicas share one database, so any of them
 * serves the same signed snapshot and keeps the same sign-in log.
 */
public final class ControlPlaneEndpoints {

    /** A request's address, and which replica it went to. */
    public record Endpoint(int replica, URI uri) {}

    private final List<URI> replicas;
    private final AtomicInteger current = new AtomicInteger();

    public ControlPlaneEndpoints(List<URI> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("at least one control-plane URL is required");
        }
        this.replicas = List.copyOf(replicas);
    }

    /**
     * The option's value: one URL, or several separated by commas.
     *
     * @throws IllegalArgumentException naming the entry that is not an absolute http(s) URL
     */
    public static ControlPlaneEndpoints parse(String option) {
        List<URI> replicas = new ArrayList<>();
        for (String entry : option.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri = URI.create(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("control-plane-url entry '" + trimmed + "' is not an http(s) URL");
            }
            replicas.add(uri);
        }
        return new ControlPlaneEndpoints(replicas);
    }

    /** {@code path} on the current replica. */
    public Endpoint resolve(String path) {
        int replica = current.get();
        return new Endpoint(replica, replicas.get(replica).resolve(path));
    }

    /** The replica {@code endpoint} went to did not answer: the next one is current (once, however many threads saw it fail). */
    public void unreachable(Endpoint endpoint) {
        current.compareAndSet(endpoint.replica(), (endpoint.replica() + 1) % replicas.size());
    }

    public List<URI> replicas() {
        return replicas;
    }

    @Override
    public String toString() {
        return String.join(",", replicas.stream().map(URI::toString).toList());
    }
}
