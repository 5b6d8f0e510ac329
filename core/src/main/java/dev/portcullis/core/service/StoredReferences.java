package dev.portcullis.core.service;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.out.DocumentCodecs;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.StoredDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The documents that name each other as stored now: what a policy may refer to, and who refers to what. */
public final class StoredReferences {

    private final LoadDocumentsPort load;
    private final DocumentCodecs codecs;

    public StoredReferences(LoadDocumentsPort load, DocumentCodecs codecs) {
        this.load = load;
        this.codecs = codecs;
    }

    public References current() {
        return new References(namedLocations(), strengths());
    }

    Map<String, NamedLocation> namedLocations() {
        Map<String, NamedLocation> map = new LinkedHashMap<>();
        for (StoredDocument doc : load.loadAll(DocumentKind.NAMED_LOCATION)) {
            NamedLocation location = codecs.namedLocations().decode(doc.json());
            map.put(location.id(), location);
        }
        return map;
    }

    /** The built-in strengths first, then the custom ones. */
    Map<String, AuthenticationStrength> strengths() {
        Map<String, AuthenticationStrength> map = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> map.put(s.id(), s));
        for (StoredDocument doc : load.loadAll(DocumentKind.AUTHENTICATION_STRENGTH)) {
            AuthenticationStrength strength = codecs.strengths().decode(doc.json());
            map.put(strength.id(), strength);
        }
        return map;
    }

    List<ConditionalAccessPolicy> policies() {
        return load.loadAll(DocumentKind.POLICY).stream().map(doc -> codecs.policies().decode(doc.json())).toList();
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
        return load.loadAll(DocumentKind.POLICY).stream()
                .filter(doc -> refers.test(codecs.policies().decode(doc.json())))
                .map(doc -> "'" + doc.displayName() + "'")
                .toList();
    }
}
