package dev.portcullis.core.service;

import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.References;
import dev.portcullis.core.port.in.Versioned;
import dev.portcullis.core.securitydefaults.SecurityDefaultsPolicies;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies' side of Entra's rule: while Security Defaults is on, no policy is enabled (report-only
 * and disabled ones are fine, as in Entra). Not a lockout warning to force past: the request is wrong,
 * and says how to put it right. The ids of Security Defaults' own policies stay reserved, so the
 * snapshot never holds two policies with one id. The check runs inside the policy write's turn, which
 * the switch takes too.
 */
public final class PoliciesBesideSecurityDefaults implements ManagePolicies {

    /** Where an administrator turns it off. */
    public static final String SWITCH = "PATCH /v1.0/policies/identitySecurityDefaultsEnforcementPolicy"
            + " {\"isEnabled\": false}";

    private final ManagePolicies policies;
    private final ManageSecurityDefaults securityDefaults;

    public PoliciesBesideSecurityDefaults(ManagePolicies policies, ManageSecurityDefaults securityDefaults) {
        this.policies = policies;
        this.securityDefaults = securityDefaults;
    }

    @Override
    public List<Versioned<ConditionalAccessPolicy>> list() {
        return policies.list();
    }

    @Override
    public Optional<Versioned<ConditionalAccessPolicy>> get(String id) {
        return policies.get(id);
    }

    @Override
    public References references() {
        return policies.references();
    }

    @Override
    public DocumentResult<ConditionalAccessPolicy> create(Create<ConditionalAccessPolicy> command) {
        return policies.create(new Create<>(references -> check(Optional.empty(), command.document().read(references)),
                command.force(), command.actor()));
    }

    @Override
    public DocumentResult<ConditionalAccessPolicy> update(Update<ConditionalAccessPolicy> command) {
        return policies.update(new Update<>(command.id(), command.expectedVersion(),
                (current, references) -> check(Optional.of(current), command.edit().apply(current, references)),
                command.force(), command.actor()));
    }

    @Override
    public DocumentResult<ConditionalAccessPolicy> delete(Delete command) {
        return policies.delete(command);
    }

    private Checked<ConditionalAccessPolicy> check(Optional<ConditionalAccessPolicy> before,
            Checked<ConditionalAccessPolicy> read) {
        if (!read.ok()) {
            return read;
        }
        ConditionalAccessPolicy after = read.value().orElseThrow();
        List<ValidationProblem> errors = new ArrayList<>(2);
        if (SecurityDefaultsPolicies.isReserved(after.id())) {
            errors.add(new ValidationProblem("id", SecurityDefaultsPolicies.RESERVED_ID));
        }
        boolean enabling = after.state() == PolicyState.ENABLED
                && before.map(p -> p.state() != PolicyState.ENABLED).orElse(true);
        if (enabling && securityDefaults.get().value().enabled()) {
            errors.add(new ValidationProblem("state", "Security Defaults is on, and Conditional Access policies cannot"
                    + " be enabled while it is (as in Entra): make the policy report-only ('"
                    + PolicyState.REPORT_ONLY.graphName() + "') or 'disabled', or turn Security Defaults off first ("
                    + SWITCH + ")"));
        }
        return errors.isEmpty() ? read : Checked.invalid(errors);
    }
}
