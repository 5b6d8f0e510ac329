package dev.portcullis.core.port.out;

/** The kinds of document the control plane keeps (each store decides how it encodes them). */
public enum DocumentKind {
    POLICY,
    NAMED_LOCATION,
    AUTHENTICATION_STRENGTH,
    DEVICE,
    ALERT,
    /** A user's risk events and last remediation (Graph's riskyUser). */
    RISKY_USER,
    /** Graph's singleton identitySecurityDefaultsEnforcementPolicy: whether Security Defaults is on. */
    SECURITY_DEFAULTS,
    /** A user's temporary access pass (Graph's temporaryAccessPassAuthenticationMethod), kept by user id. */
    TEMPORARY_ACCESS_PASS;

    /**
     * Whether this kind is a per-entity fact that nodes follow through the fact feed
     * ({@link FactFeedPort}) rather than the policy snapshot: one changes often, and a node needs only
     * the changed entity, not every policy again.
     */
    public boolean isFact() {
        return this == DEVICE || this == RISKY_USER;
    }
}
