package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresMfaConditionFactory;
import dev.portcullis.adapters.keycloak.authenticator.RequiresPhishingResistantConditionFactory;
import dev.portcullis.adapters.keycloak.authenticator.TemporaryAccessPassAuthenticatorFactory;
import dev.portcullis.adapters.keycloak.push.PushAuthenticatorFactory;
import java.util.List;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;

/**
 * What a sign-in flow runs after its first factor: evaluate, an MFA step-up, a phishing-resistant
 * step-up, evaluate again to verify. Each step-up is a conditional sub-flow whose condition asks the
 * evaluation whether it is needed; its methods are alternatives. The one place that knows which
 * methods each step-up accepts, for the browser flow and the brokered-login flows alike.
 */
final class ConditionalAccessSteps {

    /** Keycloak's recovery code form: a backup method in the MFA step-up. */
    static final String RECOVERY_CODE_FORM = "auth-recovery-authn-code-form";

    /** Methods added to the MFA step-up after realms were first made with it; a realm gets each on start. */
    private static final List<String> LATER_MFA_METHODS = List.of(RECOVERY_CODE_FORM,
            TemporaryAccessPassAuthenticatorFactory.PROVIDER_ID);
    private static final List<String> MFA_METHODS = List.of(PushAuthenticatorFactory.PROVIDER_ID, "auth-otp-form",
            "webauthn-authenticator", RECOVERY_CODE_FORM, TemporaryAccessPassAuthenticatorFactory.PROVIDER_ID);
    private static final List<String> PHISHING_RESISTANT_METHODS = List.of("webauthn-authenticator",
            "webauthn-authenticator-passwordless");
    private static final List<String> CONDITIONS = List.of(RequiresMfaConditionFactory.PROVIDER_ID,
            RequiresPhishingResistantConditionFactory.PROVIDER_ID);

    private final FlowEditor flows;
    private final String flow;
    private final String mfa;
    private final String phishingResistant;

    /** The steps of {@code flow}, their sub-flows named "{@code prefix} mfa step-up" and so on. */
    ConditionalAccessSteps(FlowEditor flows, String flow, String prefix) {
        this.flows = flows;
        this.flow = flow;
        this.mfa = prefix + " mfa step-up";
        this.phishingResistant = prefix + " phishing-resistant step-up";
    }

    /** Appends the steps, then sets their requirements. */
    void append() {
        flows.execution(flow, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        flows.subFlow(flow, mfa);
        flows.execution(mfa, RequiresMfaConditionFactory.PROVIDER_ID);
        MFA_METHODS.forEach(method -> flows.execution(mfa, method));
        flows.subFlow(flow, phishingResistant);
        flows.execution(phishingResistant, RequiresPhishingResistantConditionFactory.PROVIDER_ID);
        PHISHING_RESISTANT_METHODS.forEach(method -> flows.execution(phishingResistant, method));
        flows.execution(flow, ConditionalAccessAuthenticatorFactory.PROVIDER_ID);
        require();
    }

    /** Only the steps' own requirements: a copied flow keeps those of what it had before them. */
    private void require() {
        boolean inStepUp = false;
        for (AuthenticationExecutionInfoRepresentation e : flows.executions(flow)) {
            String provider = e.getProviderId() == null ? "" : e.getProviderId();
            if (e.getLevel() == 0) {
                inStepUp = mfa.equals(e.getDisplayName()) || phishingResistant.equals(e.getDisplayName());
                if (inStepUp) {
                    flows.require(flow, e, "CONDITIONAL");
                } else if (provider.equals(ConditionalAccessAuthenticatorFactory.PROVIDER_ID)) {
                    flows.require(flow, e, "REQUIRED");
                }
            } else if (inStepUp && e.getLevel() == 1) {
                flows.require(flow, e, CONDITIONS.contains(provider) ? "REQUIRED" : "ALTERNATIVE");
            }
        }
    }

    /**
     * The methods added to the MFA step-up since realms were first made with it (recovery codes, the
     * temporary access pass), for a flow that lacks them; a flow without the step-up is left as it is.
     */
    void addLaterMethods() {
        for (String method : LATER_MFA_METHODS) {
            List<AuthenticationExecutionInfoRepresentation> executions = flows.executions(flow);
            boolean has = executions.stream().anyMatch(e -> e.getLevel() == 1 && method.equals(e.getProviderId()));
            if (has || executions.stream().noneMatch(e -> mfa.equals(e.getDisplayName()))) {
                continue;
            }
            flows.execution(mfa, method);
            flows.executions(flow).stream().filter(e -> method.equals(e.getProviderId()))
                    .forEach(e -> flows.require(flow, e, "ALTERNATIVE"));
        }
    }

    /** Whether a flow runs the Conditional Access step itself, required, at its top level. */
    static boolean runIn(FlowEditor flows, String flowAlias) {
        return flowAlias != null && !flowAlias.isBlank() && flows.executions(flowAlias).stream()
                .anyMatch(e -> e.getLevel() == 0 && "REQUIRED".equals(e.getRequirement())
                        && ConditionalAccessAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()));
    }
}
