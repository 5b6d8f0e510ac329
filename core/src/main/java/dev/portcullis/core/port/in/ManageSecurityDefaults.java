package dev.portcullis.core.port.in;

import dev.portcullis.core.securitydefaults.SecurityDefaults;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Security Defaults' switch (Graph's {@code identitySecurityDefaultsEnforcementPolicy}): read it, turn
 * it on or off. Entra's rule holds both ways: it is not turned on while a Conditional Access policy is
 * enabled, and no policy is enabled while it is on (see {@link ManagePolicies}).
 */
public interface ManageSecurityDefaults {

    /** As stored now; off, with no version, until first switched. */
    Versioned<SecurityDefaults> get();

    Result change(Change command);

    /**
     * @param expectedVersion the version read (If-Match); empty switches whatever is stored, as the switch
     *     is the whole document and no other change can be lost
     * @param actor who asks, as the audit log names them
     */
    record Change(boolean enabled, Optional<Long> expectedVersion, String actor) {
        public Change {
            Objects.requireNonNull(expectedVersion, "expectedVersion");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** What a change did: every outcome a caller must handle, never an exception. */
    sealed interface Result {

        /** The switch as it is now; {@code switched} when this change stored (and audited) a new position. */
        record Written(Versioned<SecurityDefaults> document, boolean switched) implements Result {}

        /**
         * Refused, as Entra refuses it: these Conditional Access policies are enabled.
         *
         * @param enabledPolicies each as "display name (id)"
         */
        record ConditionalAccessEnabled(List<String> enabledPolicies) implements Result {
            public ConditionalAccessEnabled {
                enabledPolicies = List.copyOf(enabledPolicies);
            }
        }

        /** Someone else switched it first: nothing was written. */
        record Stale(long currentVersion) implements Result {}
    }
}
