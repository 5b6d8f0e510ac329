package dev.portcullis.core.signin;

import dev.portcullis.core.policy.GraphNamed;

/**
 * How a sign-in was handed from one device to another (Graph's conditionalAccessTransferMethods).
 * In Keycloak the device code flow is the OAuth device authorization grant (RFC 8628): the user
 * signs in on a second device to approve a device that cannot show a login page. Keycloak has no
 * authentication transfer, so no Keycloak sign-in carries it.
 */
public enum TransferMethod implements GraphNamed {
    NONE("none"),
    DEVICE_CODE_FLOW("deviceCodeFlow"),
    AUTHENTICATION_TRANSFER("authenticationTransfer");

    private final String graphName;

    TransferMethod(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }
}
