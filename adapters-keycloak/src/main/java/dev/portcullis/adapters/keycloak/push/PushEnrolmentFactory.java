package dev.portcullis.adapters.keycloak.push;

import java.security.SecureRandom;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public final class PushEnrolmentFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "portcullis-push-register";

    private PushSettings settings = PushSettings.defaults();
    private final SecureRandom random = new SecureRandom();

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
        return new PushEnrolment(settings, random);
    }

    @Override
    public void init(Config.Scope config) {
        settings = PushSettings.fromServerConfig();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
