package dev.portcullis.core.signin;

import dev.portcullis.core.policy.GraphNamed;

/**
 * How the client signs in. In Keycloak: the browser flow is {@code browser}; a public/native client
 * using the code flow is {@code mobileAppsAndDesktopClients}; the resource-owner password grant,
 * which cannot answer an MFA prompt, is legacy authentication ({@code other}).
 */
public enum ClientAppType implements GraphNamed {
    ALL("all"),
    BROWSER("browser"),
    MOBILE_APPS_AND_DESKTOP_CLIENTS("mobileAppsAndDesktopClients"),
    EXCHANGE_ACTIVE_SYNC("exchangeActiveSync"),
    OTHER("other");

    private final String graphName;

    ClientAppType(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    /** Legacy authentication: clients that cannot do modern, interactive authentication. */
    public boolean isLegacy() {
        return this == EXCHANGE_ACTIVE_SYNC || this == OTHER;
    }
}
