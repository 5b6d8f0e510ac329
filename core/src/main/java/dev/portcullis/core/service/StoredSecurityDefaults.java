package dev.portcullis.core.service;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.Stored;
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
public record StoredSecurityDefaults(DocumentStore<SecurityDefaults> store, Set<String> adminRoleIds) {

    public StoredSecurityDefaults {
        adminRoleIds = Set.copyOf(adminRoleIds);
    }

    Optional<Stored<SecurityDefaults>> stored() {
        return store.find(SecurityDefaults.ID);
    }

    /** Off, with no version, until first switched. */
    Versioned<SecurityDefaults> current() {
        return stored().map(Stored::versioned)
                .orElseGet(() -> new Versioned<>(SecurityDefaults.ID, SecurityDefaults.OFF, Optional.empty()));
    }

    /** Security Defaults' own policies while it is on; none while it is off. */
    List<ConditionalAccessPolicy> enforcedPolicies() {
        return current().value().enabled() ? SecurityDefaultsPolicies.policies(adminRoleIds) : List.of();
    }
}
