package dev.portcullis.benchmarks.load;

import dev.portcullis.benchmarks.evaluator.RolloutAtScale;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.NamedLocationCodec;
import dev.portcullis.graphjson.PolicyCodec;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * What the control-plane load runs need (benchmarks/load/control-plane.sh, device-sync.sh): a key
 * pair and signed tokens for each role, and a snapshot signing key ({@code keys DIR}), and a control plane holding the 195-policy rollout plus
 * a What-If question and the current snapshot ETag ({@code seed URL DIR}).
 */
public final class ControlPlaneFixture {

    static final String ISSUER = "https://portcullis.bench";

    private ControlPlaneFixture() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[args.length - 1]);
        Files.createDirectories(dir);
        if (args[0].equals("keys")) {
            keys(dir);
        } else if (args[0].equals("seed")) {
            seed(URI.create(args[1]), dir);
        } else {
            throw new IllegalArgumentException("usage: keys DIR | seed URL DIR");
        }
    }

    private static void keys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        for (String role : new String[] {"admin", "reader", "node"}) {
            Files.writeString(dir.resolve("token-" + role + ".txt"), jwt(pair, "portcullis-" + role,
                    "\"sub\":\"bench\",\"upn\":\"bench\",\"amr\":[\"otp\",\"pwd\",\"mfa\"]"));
        }
        // An MDM integration signs in as an application (client credentials): client_id, no person, no MFA.
        Files.writeString(dir.resolve("token-device-manager.txt"), jwt(pair, "portcullis-device-manager",
                "\"sub\":\"service-account-mdm\",\"azp\":\"mdm\",\"client_id\":\"mdm\""));
        // The control plane signs every snapshot it serves: it needs its own key to start.
        Files.writeString(dir.resolve("snapshot-signing-key.pem"), SigningKey.generate().pem());
    }

    /**
     * An RS256 token as Keycloak issues them: roles under realm_access, the control plane's audience,
     * and who it is (a person whose sign-in proved MFA, or an application).
     */
    private static String jwt(KeyPair pair, String role, String subject) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"portcullis-control-plane\","
                + subject + ",\"iat\":" + now
                + ",\"exp\":" + (now + 86_400) + ",\"realm_access\":{\"roles\":[\"" + role + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + url.encodeToString(signature.sign());
    }

    private static void seed(URI base, Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        PolicySet set = rollout(base, Files.readString(dir.resolve("token-admin.txt")), false);
        HttpResponse<Void> snapshot = http.send(HttpRequest.newBuilder(base.resolve("/v1.0/identity/conditionalAccess/snapshot"))
                .header("Authorization", "Bearer " + Files.readString(dir.resolve("token-node.txt"))).build(),
                HttpResponse.BodyHandlers.discarding());
        Files.writeString(dir.resolve("etag.txt"), snapshot.headers().firstValue("ETag").orElseThrow());
        // A pilot user on a finance app from outside the office: most policies are looked at.
        Files.writeString(dir.resolve("whatif.json"), """
                {"signInIdentity": {"userId": "u-17", "groupIds": ["g-3", "g-12", "pilot"], "roleIds": []},
                 "signInContext": {"includeApplications": ["app-7"]},
                 "signInConditions": {"clientAppType": "browser", "ipAddress": "198.51.100.7", "country": "DE",
                                      "devicePlatform": "windows", "signInRiskLevel": "low"},
                 "appliedPoliciesOnly": false}
                """);
        System.out.println("seeded " + set.policies().size() + " policies; snapshot " + snapshot.headers()
                .firstValue("ETag").orElseThrow());
    }

    /**
     * Creates the 195-policy rollout (and the named locations it refers to) through the API with an
     * administrator's token, as every figure at 195 policies uses it (the console's too). {@code force}
     * passes the lockout guard, for a control plane whose break-glass account the rollout does not name.
     */
    public static PolicySet rollout(URI base, String adminToken, boolean force) throws IOException, InterruptedException {
        JsonText json = JsonText.shared();
        PolicyCodec policies = PolicyCodec.instance();
        NamedLocationCodec locations = NamedLocationCodec.instance();
        HttpClient http = HttpClient.newHttpClient();
        PolicySet set = RolloutAtScale.policies(195, 42);
        for (NamedLocation location : set.namedLocations().values()) {
            post(http, base.resolve("/v1.0/identity/conditionalAccess/namedLocations"), adminToken,
                    json.bytes(locations.write(location)));
        }
        for (ConditionalAccessPolicy policy : set.policies()) {
            post(http, base.resolve("/v1.0/identity/conditionalAccess/policies" + (force ? "?force=true" : "")), adminToken,
                    json.bytes(policies.write(policy)));
        }
        return set;
    }

    private static void post(HttpClient http, URI uri, String token, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
