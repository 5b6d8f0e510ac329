package dev.portcullis.adapters.keycloak.push;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

public final class PushEnrolmentFactory extends PushProviderFactory<RequiredActionProvider> implements RequiredActionFactory {

    public static final String PROVIDER_ID = "portcullis-push-register";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Authenticator app (push)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new PushEnrolment(this::store);
    }
}
