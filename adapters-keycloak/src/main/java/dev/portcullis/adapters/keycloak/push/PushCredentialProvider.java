package dev.portcullis.adapters.keycloak.push;

import java.util.Optional;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stores enrolled phones as Keycloak credentials of type {@code portcullis-push}, so they are
 * listed, renamed and removed in the account console and the admin console like any other.
 */
public final class PushCredentialProvider implements CredentialProvider<PushCredentialModel> {

    private final KeycloakSession session;

    PushCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return PushCredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, PushCredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public PushCredentialModel getCredentialFromModel(CredentialModel model) {
        return PushCredentialModel.of(model);
    }

    /** The user's enrolled phone with this device id. */
    public Optional<PushCredentialModel> device(UserModel user, String deviceId) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PushCredentialModel.TYPE)
                .map(PushCredentialModel::of).filter(c -> c.deviceId().equals(deviceId)).findFirst();
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("portcullisPushDisplayName")
                .helpText("portcullisPushHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(PushEnrolmentFactory.PROVIDER_ID)
                .removeable(true)
                .build(session);
    }
}
