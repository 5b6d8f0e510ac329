package dev.portcullis.adapters.keycloak.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A phone enrolled for push approval: its device id and the public key its approvals are checked
 * against. Nothing secret is stored: the private key never left the phone.
 */
public final class PushCredentialModel extends CredentialModel {

    public static final String TYPE = "portcullis-push";

    public static PushCredentialModel create(String deviceId, String deviceName, String publicKeySpki) {
        PushCredentialModel model = new PushCredentialModel();
        model.setType(TYPE);
        model.setUserLabel(deviceName);
        model.setCreatedDate(System.currentTimeMillis());
        model.setSecretData("{}");
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(Map.of("deviceId", deviceId,
                    "publicKey", publicKeySpki)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    public static PushCredentialModel of(CredentialModel stored) {
        PushCredentialModel model = new PushCredentialModel();
        model.setId(stored.getId());
        model.setType(stored.getType());
        model.setUserLabel(stored.getUserLabel());
        model.setCreatedDate(stored.getCreatedDate());
        model.setSecretData(stored.getSecretData());
        model.setCredentialData(stored.getCredentialData());
        return model;
    }

    public String deviceId() {
        return data().getOrDefault("deviceId", "");
    }

    public Optional<DeviceKey> key() {
        return Optional.ofNullable(data().get("publicKey")).flatMap(DeviceKey::fromSpki);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> data() {
        try {
            return getCredentialData() == null ? Map.of() : JsonSerialization.readValue(getCredentialData(), Map.class);
        } catch (IOException e) {
            return Map.of(); // damaged data verifies nothing
        }
    }
}
