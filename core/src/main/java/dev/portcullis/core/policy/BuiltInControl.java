package dev.portcullis.core.policy;

/** Graph's built-in grant controls. Those Keycloak cannot check are kept and fail secure. */
public enum BuiltInControl implements GraphNamed {
    BLOCK("block"),
    MFA("mfa"),
    COMPLIANT_DEVICE("compliantDevice"),
    PASSWORD_CHANGE("passwordChange"),
    /**
     * Portcullis' own, after Entra ID Protection's MFA registration policy (Security Defaults uses it): met
     * when the user has registered a method that can do MFA, else "More information required"; never a prompt.
     */
    MFA_REGISTRATION("mfaRegistration"),
    /** Hybrid-joined devices do not exist in Keycloak: never satisfied. */
    DOMAIN_JOINED_DEVICE("domainJoinedDevice"),
    /** App protection (Intune) does not exist in Keycloak: never satisfied. */
    APPROVED_APPLICATION("approvedApplication"),
    COMPLIANT_APPLICATION("compliantApplication");

    private final String graphName;

    BuiltInControl(String graphName) {
        this.graphName = graphName;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    /** Whether Portcullis can ever satisfy this control; the others are evaluated as unmet. */
    public boolean enforceable() {
        return this == MFA || this == COMPLIANT_DEVICE || this == PASSWORD_CHANGE || this == MFA_REGISTRATION;
    }
}
