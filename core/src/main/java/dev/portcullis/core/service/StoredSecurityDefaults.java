package dev.portcullis.core.service;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.DocumentCodec;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.securitydefaults.SecurityDefaultsPolicies;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Security Defaults' switch as stored (one document), and the policies it enforces while on: what the
 * switch's use case and the published snapshot both read.
 *
 * @param adminRoleIds the roles whose members always do MFA under Security Defaults
 */
public record StoredSecurityDefaults(LoadDocumentsPort load, DocumentCodec<SecurityDefaults> codec,
        Set<String> adminRoleIds) {

    public StoredSecurityDefaults {
        adminRoleIds = Set.copyOf(adminRoleIds);
    }

    Optional<StoredDocument> stored() {
        return load.load(DocumentKind.SECURITY_DEFAULTS, SecurityDefaults.ID);
    }

    /** Off, with no version, until first switched. */
    Versioned<SecurityDefaults> current() {
        return stored().map(this::versioned)
                .orElseGet(() -> new Versioned<>(SecurityDefaults.ID, SecurityDefaults.OFF, Optional.empty()));
    }

    Versioned<SecurityDefaults> versioned(StoredDocument doc) {
        return new Versioned<>(doc.id(), codec.decode(doc.json()), Optional.of(doc.version()));
    }

    /** Security Defaults' own policies while it is on; none while it is off. */
    List<ConditionalAccessPolicy> enforcedPolicies() {
        return current().value().enabled() ? SecurityDefaultsPolicies.policies(adminRoleIds) : List.of();
    }
}
