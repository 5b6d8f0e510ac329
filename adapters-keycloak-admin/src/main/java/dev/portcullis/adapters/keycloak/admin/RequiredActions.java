package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.adapters.keycloak.authenticator.ConditionalAccessCheckFactory;
import dev.portcullis.adapters.keycloak.push.PushEnrolmentFactory;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;

/** The realm's required actions that Portcullis needs: registered, enabled, and in order. */
final class RequiredActions {

    private static final String RECOVERY_CODES = "CONFIGURE_RECOVERY_AUTHN_CODES";

    private final AuthenticationManagementResource flows;

    RequiredActions(AuthenticationManagementResource flows) {
        this.flows = flows;
    }

    /** Push enrolment is the provider's own required action: a realm lists it once it is registered. */
    void pushEnrolment() {
        if (!registered(PushEnrolmentFactory.PROVIDER_ID)) {
            register(PushEnrolmentFactory.PROVIDER_ID, "Authenticator app (push)");
        }
    }

    /** Keycloak's recovery codes, so that users can set up the MFA step-up's backup method. */
    void recoveryCodes() {
        if (!registered(RECOVERY_CODES)) {
            flows.getUnregisteredRequiredActions().stream().filter(a -> a.getProviderId().equals(RECOVERY_CODES))
                    .findFirst().ifPresent(flows::registerRequiredAction);
        }
        RequiredActionProviderRepresentation action = flows.getRequiredAction(RECOVERY_CODES);
        if (action != null && !action.isEnabled()) {
            action.setEnabled(true);
            flows.updateRequiredAction(RECOVERY_CODES, action);
        }
    }

    /**
     * Portcullis' required action, enabled and last: it checks a login after any action that
     * registers a credential, so it must run after all of them.
     */
    void conditionalAccessCheck() {
        String alias = ConditionalAccessCheckFactory.PROVIDER_ID;
        if (!registered(alias)) {
            register(alias, "Conditional Access check (Portcullis)");
        }
        RequiredActionProviderRepresentation check = flows.getRequiredAction(alias);
        int last = flows.getRequiredActions().stream().mapToInt(RequiredActionProviderRepresentation::getPriority)
                .max().orElse(0);
        check.setEnabled(true);
        check.setDefaultAction(false);
        if (check.getPriority() < last) {
            check.setPriority(last + 10);
        }
        flows.updateRequiredAction(alias, check);
    }

    private boolean registered(String alias) {
        return flows.getRequiredActions().stream().anyMatch(a -> a.getAlias().equals(alias));
    }

    private void register(String providerId, String name) {
        RequiredActionProviderSimpleRepresentation action = new RequiredActionProviderSimpleRepresentation();
        action.setProviderId(providerId);
        action.setName(name);
        flows.registerRequiredAction(action);
    }
}
