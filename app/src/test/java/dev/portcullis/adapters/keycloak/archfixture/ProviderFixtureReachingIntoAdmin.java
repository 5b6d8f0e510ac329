package dev.portcullis.adapters.keycloak.archfixture;

import dev.portcullis.adapters.keycloak.admin.KeycloakDirectory;

/**
 * Not product code: a stand-in provider class that reaches the Admin Client module, which the
 * provider JAR (inside Keycloak) must never do. {@code ArchitectureTest} proves its rule catches it.
 */
public class ProviderFixtureReachingIntoAdmin {

    public String directoryName() {
        return KeycloakDirectory.class.getSimpleName();
    }
}
