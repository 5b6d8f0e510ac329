package dev.portcullis.core.securitydefaults;

/**
 * Entra's Security Defaults: one switch for a baseline that needs no policy (Graph's singleton
 * {@code identitySecurityDefaultsEnforcementPolicy}). While it is on, no Conditional Access policy
 * may be enabled, and while one is enabled it cannot be switched on: Entra keeps the two apart, so
 * that an administrator never wonders which of them decided a sign-in.
 */
public record SecurityDefaults(boolean enabled) {

    /** Graph's fixed id of the singleton. */
    public static final String ID = "00000000-0000-0000-0000-000000000005";
    public static final String DISPLAY_NAME = "Security Defaults";
    public static final String DESCRIPTION = "Security defaults is a set of basic identity security mechanisms"
            + " recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your"
            + " organization. Administrators and users will be better protected from common identity related attacks.";

    /** A new tenant's switch: off, as in an Entra tenant that has Conditional Access. */
    public static final SecurityDefaults OFF = new SecurityDefaults(false);
}
