package dev.portcullis.core.service;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Switches Security Defaults, audited like every change and announced so nodes pull the new snapshot.
 * It takes turns with policy writes: a policy cannot be enabled between the check here and the write.
 */
public final class SecurityDefaultsService implements ManageSecurityDefaults {

    private final DocumentService.Ports ports;
    private final StoredSecurityDefaults stored;
    private final DocumentStore<ConditionalAccessPolicy> policies;

    public SecurityDefaultsService(DocumentService.Ports ports, StoredSecurityDefaults stored,
            DocumentStore<ConditionalAccessPolicy> policies) {
        this.ports = ports;
        this.stored = stored;
        this.policies = policies;
    }

    @Override
    public Versioned<SecurityDefaults> get() {
        return stored.current();
    }

    @Override
    public Result change(Change command) {
        Result result = ports.turns().inTurn(() -> changeNow(command));
        if (result instanceof Result.Written written && written.switched()) {
            // After the turn has committed: a node that pulls at once must find the new snapshot.
            ports.changed().changed(DocumentKind.SECURITY_DEFAULTS, "update");
        }
        return result;
    }

    private Result changeNow(Change command) {
        Optional<Stored<SecurityDefaults>> current = stored.stored();
        if (current.isPresent() && command.expectedVersion().filter(v -> v != current.get().version()).isPresent()) {
            return new Result.Stale(current.get().version());
        }
        Versioned<SecurityDefaults> before = current.map(Stored::versioned).orElseGet(stored::current);
        if (before.value().enabled() == command.enabled()) {
            return new Result.Written(before, false); // nothing to change, nothing to audit or announce
        }
        if (command.enabled()) {
            List<String> enabled = enabledPolicies();
            if (!enabled.isEmpty()) {
                return new Result.ConditionalAccessEnabled(enabled);
            }
        }
        SecurityDefaults after = new SecurityDefaults(command.enabled());
        DocumentStore<SecurityDefaults> store = stored.store();
        SaveResult<SecurityDefaults> result = current.isEmpty()
                ? store.create(SecurityDefaults.ID, SecurityDefaults.DISPLAY_NAME, after)
                : store.replace(SecurityDefaults.ID, current.get().version(), SecurityDefaults.DISPLAY_NAME, after);
        if (!(result instanceof SaveResult.Saved<SecurityDefaults> saved)) {
            // Another control plane switched it between the read and the write.
            return new Result.Stale(stored.stored().map(Stored::version).orElse(0L));
        }
        ports.audit().append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), ports.clock().instant(),
                command.actor(), (command.enabled() ? "enable" : "disable") + " security defaults",
                DocumentKind.SECURITY_DEFAULTS, SecurityDefaults.ID, current.map(Stored::value),
                Optional.of(saved.document().value())));
        return new Result.Written(saved.document().versioned(), true);
    }

    /** The enabled Conditional Access policies, as a person finds them: "display name (id)". */
    private List<String> enabledPolicies() {
        return policies.all().stream()
                .map(Stored::value)
                .filter(p -> p.state() == PolicyState.ENABLED)
                .map(p -> p.displayName() + " (" + p.id() + ")")
                .toList();
    }
}
