package dev.portcullis.core.method;

import dev.portcullis.core.policy.GraphNamed;

/** The ways a user proves who they are, with the Keycloak credential type each one maps to. */
public enum AuthenticationMethod implements GraphNamed {
    PASSWORD("password", "password"),
    /** Time-based one-time password from an authenticator app (Graph: softwareOath). */
    TOTP("totp", "otp"),
    /** WebAuthn security key used as a second factor after the password. */
    SECURITY_KEY("securityKey", "webauthn"),
    /** Passwordless WebAuthn (a passkey): phishing-resistant on its own. */
    PASSKEY("passkey", "webauthn-passwordless"),
    /** Push approval with number matching. */
    PUSH("push", "portcullis-push"),
    /** One-time recovery codes: a backup second factor, never offered as the first one to register. */
    RECOVERY_CODE("recoveryCode", "recovery-authn-codes");

    private final String graphName;
    private final String keycloakCredentialType;

    AuthenticationMethod(String graphName, String keycloakCredentialType) {
        this.graphName = graphName;
        this.keycloakCredentialType = keycloakCredentialType;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    public String keycloakCredentialType() {
        return keycloakCredentialType;
    }

    /** Whether a user who lacks a method may be sent to register this one to meet a strength. */
    public boolean offeredForRegistration() {
        return this == TOTP || this == SECURITY_KEY || this == PASSKEY || this == PUSH;
    }
}
