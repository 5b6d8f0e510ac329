package dev.portcullis.core.service;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.Stored;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The documents that name each other as stored now: what a policy may refer to, and who refers to what. */
public final class StoredReferences {

    private final DocumentStore<ConditionalAccessPolicy> policies;
    private final DocumentStore<NamedLocation> namedLocations;
    private final DocumentStore<AuthenticationStrength> strengths;

    public StoredReferences(DocumentStore<ConditionalAccessPolicy> policies, DocumentStore<NamedLocation> namedLocations,
            DocumentStore<AuthenticationStrength> strengths) {
        this.policies = policies;
        this.namedLocations = namedLocations;
        this.strengths = strengths;
    }

    public References current() {
        return new References(namedLocations(), strengths());
    }

    Map<String, NamedLocation> namedLocations() {
        Map<String, NamedLocation> map = new LinkedHashMap<>();
        namedLocations.all().forEach(doc -> map.put(doc.value().id(), doc.value()));
        return map;
    }

    /** The built-in strengths first, then the custom ones. */
    Map<String, AuthenticationStrength> strengths() {
        Map<String, AuthenticationStrength> map = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> map.put(s.id(), s));
        strengths.all().forEach(doc -> map.put(doc.value().id(), doc.value()));
        return map;
    }

    List<ConditionalAccessPolicy> policies() {
        return policies.all().stream().map(Stored::value).toList();
    }

    /** The display names of the stored policies that include or exclude this named location. */
    List<String> policiesUsingLocation(String locationId) {
        return policiesWhere(policy -> policy.conditions().locations()
                .filter(l -> l.includeLocations().contains(locationId) || l.excludeLocations().contains(locationId))
                .isPresent());
    }

    /** The display names of the stored policies that require this authentication strength. */
    List<String> policiesUsingStrength(String strengthId) {
        return policiesWhere(policy -> policy.grantControls().authenticationStrengthId()
                .filter(strengthId::equals).isPresent());
    }

    private List<String> policiesWhere(Predicate<ConditionalAccessPolicy> refers) {
        return policies.all().stream()
                .filter(doc -> refers.test(doc.value()))
                .map(doc -> "'" + doc.displayName() + "'")
                .toList();
    }
}
