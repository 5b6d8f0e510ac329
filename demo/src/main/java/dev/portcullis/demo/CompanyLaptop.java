package dev.portcullis.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A company laptop enrolled as an MDM enrols one: a client certificate from the demo's device CA,
 * and the device in the control plane's inventory (Graph's device, {@code PUT /v1.0/devices/{id}}),
 * owned by the user, managed and compliant, written with the MDM client's token. {@code ./portcullis
 * enrol-device USERNAME} does it while the demo runs.
 */
public final class CompanyLaptop {

    private CompanyLaptop() {}

    /** The device id the demo gives a user's company laptop: one per user, enrolling again replaces it. */
    public static String deviceId(String username) {
        return username.replaceAll("[^A-Za-z0-9._-]", "-") + "-laptop";
    }

    /** Issues the certificate and puts the device in the inventory; the stack's files and secrets are read from its base. */
    static DeviceCa.Issued enrol(DemoStack.Settings settings, String username) throws IOException, InterruptedException,
            GeneralSecurityException {
        String ownerId;
        Secrets secrets = Secrets.load(settings.base().resolve("secrets.properties"));
        try (Keycloak admin = DemoStack.keycloakAdmin(settings, secrets)) {
            List<UserRepresentation> found = admin.realm(DemoDirectory.REALM).users().search(username, true);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no user '" + username + "' in the realm '" + DemoDirectory.REALM
                        + "': name one of the demo's users, for example ada.admin");
            }
            ownerId = found.get(0).getId();
        }
        DeviceCa.Issued issued = DeviceCa.loadOrCreate(settings.deviceCaDirectory()).issue(deviceId(username));
        String token = ControlPlaneSeed.clientToken(settings.keycloakUrl(), ControlPlaneRealm.MDM_CLIENT, secrets.mdm());
        ObjectNode device = JsonNodeFactory.instance.objectNode()
                .put("id", issued.deviceId())
                .put("displayName", username + "'s company laptop")
                .put("registeredOwnerId", ownerId)
                .put("operatingSystem", "Windows")
                .put("isCompliant", true)
                .put("isManaged", true)
                .put("trustType", "AzureAD")
                .put("deviceOwnership", "company")
                .put("lastSyncDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(settings.controlPlaneUrl() + "/v1.0/devices/" + issued.deviceId()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(device.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("the control plane did not take the device: " + response.statusCode() + " " + response.body());
        }
        return issued;
    }
}
