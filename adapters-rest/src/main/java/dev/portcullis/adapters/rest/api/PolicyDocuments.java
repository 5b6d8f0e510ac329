package dev.portcullis.adapters.rest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.GraphJson;
import dev.portcullis.graphjson.ReadMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns stored Graph JSON back into the domain: the references a policy may use, and the snapshot. */
final class PolicyDocuments {

    private final GraphJson json;
    private final LoadDocumentsPort documents;

    PolicyDocuments(GraphJson json, LoadDocumentsPort documents) {
        this.json = json;
        this.documents = documents;
    }

    Map<String, NamedLocation> namedLocations() {
        Map<String, NamedLocation> map = new LinkedHashMap<>();
        for (StoredDocument doc : documents.loadAll(DocumentKind.NAMED_LOCATION)) {
            NamedLocation location = json.readNamedLocation(tree(doc)).orElseThrow();
            map.put(location.id(), location);
        }
        return map;
    }

    Map<String, AuthenticationStrength> strengths() {
        Map<String, AuthenticationStrength> map = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> map.put(s.id(), s));
        for (StoredDocument doc : documents.loadAll(DocumentKind.AUTHENTICATION_STRENGTH)) {
            AuthenticationStrength strength = json.readAuthenticationStrength(tree(doc), ReadMode.LENIENT).orElseThrow();
            map.put(strength.id(), strength);
        }
        return map;
    }

    /**
     * Everything stored, as the snapshot a node enforces. Stored documents were validated when
     * written, so a failure here is a server fault, not the caller's.
     */
    PolicySnapshot snapshot() {
        long version = documents.snapshotVersion();
        List<StoredDocument> stored = documents.loadAll(DocumentKind.POLICY);
        Map<String, NamedLocation> locations = namedLocations();
        Map<String, AuthenticationStrength> strengths = strengths();
        List<ConditionalAccessPolicy> policies = stored.stream()
                .map(doc -> json.readPolicy(tree(doc), ReadMode.LENIENT, locations, strengths).orElseThrow())
                .toList();
        Instant published = stored.stream().map(StoredDocument::modifiedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
        List<AuthenticationStrength> custom = strengths.values().stream().filter(s -> !s.builtIn()).toList();
        List<Device> devices = documents.loadAll(DocumentKind.DEVICE).stream()
                .map(doc -> json.readDevice(tree(doc)).orElseThrow()).toList();
        return new PolicySnapshot(documents.snapshotEpoch(), version, published, PolicySet.of(policies, locations.values(), custom),
                new DeviceInventory(devices, DeviceInventory.empty().maxCheckInAge()),
                RiskyUsers.atRisk(json, documents, Instant.now()));
    }

    /** The display names of the stored policies that include or exclude this named location. */
    List<String> policiesUsingLocation(String locationId) {
        return policiesWhere(policy -> {
            JsonNode locations = policy.path("conditions").path("locations");
            for (String field : List.of("includeLocations", "excludeLocations")) {
                for (JsonNode id : locations.path(field)) {
                    if (locationId.equals(id.asText())) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /** The display names of the stored policies that require this authentication strength. */
    List<String> policiesUsingStrength(String strengthId) {
        return policiesWhere(policy ->
                strengthId.equals(policy.path("grantControls").path("authenticationStrength").path("id").asText()));
    }

    private List<String> policiesWhere(Predicate<JsonNode> refers) {
        return documents.loadAll(DocumentKind.POLICY).stream()
                .filter(doc -> refers.test(tree(doc)))
                .map(doc -> "'" + doc.displayName() + "'")
                .toList();
    }

    JsonNode tree(StoredDocument doc) {
        return json.parse(doc.json().getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
