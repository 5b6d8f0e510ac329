package dev.portcullis.core.signin;

/** What the sign-in is for: an application (a Keycloak client) or a user action. */
public sealed interface Target {

    /** @param adminPortal the client is one of the admin portals (admin console, admin-cli, our API) */
    record Application(String clientId, boolean adminPortal) implements Target {}

    /** A user action such as {@link UserAction#REGISTER_SECURITY_INFO}. */
    record UserAction(String action) implements Target {}

    String REGISTER_SECURITY_INFO = "urn:user:registersecurityinfo";
    String REGISTER_DEVICE = "urn:user:registerdevice";

    static Target application(String clientId) {
        return new Application(clientId, false);
    }

    static Target adminPortal(String clientId) {
        return new Application(clientId, true);
    }

    static Target registerSecurityInfo() {
        return new UserAction(REGISTER_SECURITY_INFO);
    }
}
