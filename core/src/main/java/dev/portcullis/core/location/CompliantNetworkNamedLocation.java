package dev.portcullis.core.location;

import java.util.Optional;

/**
 * Graph's compliantNetworkNamedLocation: the networks of a tenant's Global Secure Access, which
 * Keycloak cannot see. It contains no sign-in, and a policy that names it is never enforced (see
 * {@code LocationsCondition}): kept so an imported tenant reads back whole.
 *
 * @param compliantNetworkType as Graph writes it, for example {@code allTenantCompliantNetworks}
 */
public record CompliantNetworkNamedLocation(String id, String displayName, String compliantNetworkType,
        boolean trusted) implements NamedLocation {

    @Override
    public CompliantNetworkNamedLocation withId(String newId) {
        return new CompliantNetworkNamedLocation(newId, displayName, compliantNetworkType, trusted);
    }

    @Override
    public boolean contains(Optional<IpAddress> ipAddress, Optional<String> country) {
        return false;
    }
}
