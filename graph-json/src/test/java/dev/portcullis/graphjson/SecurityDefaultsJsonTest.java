package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.securitydefaults.SecurityDefaultsPolicies;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityDefaultsJsonTest {

    private final SecurityDefaultsJson json = SecurityDefaultsJson.instance();

    @Test
    void writtenAsGraphWritesIt() {
        var node = json.write(new SecurityDefaults(true));
        assertThat(node.path("id").asText()).isEqualTo("00000000-0000-0000-0000-000000000005");
        assertThat(node.path("displayName").asText()).isEqualTo("Security Defaults");
        assertThat(node.path("description").asText()).startsWith("Security defaults is a set of basic");
        assertThat(node.path("isEnabled").isBoolean()).isTrue();
    }

    @Test
    void storedAndReadBack() {
        for (boolean enabled : List.of(true, false)) {
            var codec = json.codec();
            assertThat(codec.decode(codec.encode(new SecurityDefaults(enabled)))).isEqualTo(new SecurityDefaults(enabled));
        }
    }

    @Test
    void aPatchReadsIsEnabledAndAcceptsAGetSentBack() {
        assertThat(patch("{\"isEnabled\": true}").value()).isEqualTo(new SecurityDefaults(true));
        byte[] asRead = JsonText.shared().bytes(json.write(new SecurityDefaults(false)).put("isEnabled", true));
        assertThat(json.readPatch(asRead).value()).isEqualTo(new SecurityDefaults(true));
    }

    @Test
    void aBadPatchNamesEveryField() {
        assertThat(paths(patch("{\"isEnabled\": \"yes\"}"))).containsExactly("isEnabled");
        assertThat(paths(patch("{\"isEnabled\": true, \"enforce\": true}"))).containsExactly("enforce");
        assertThat(paths(patch("{\"isEnabled\": true, \"displayName\": \"Mine\"}"))).containsExactly("displayName");
        assertThat(paths(patch("{}"))).containsExactly("isEnabled");
        assertThat(paths(patch("[true]"))).containsExactly("");
        assertThat(patch("{\"isEnabled\": ").ok()).isFalse();
    }

    @Test
    void theSnapshotCarriesSecurityDefaultsPoliciesToNodesWithTheRegistrationControl() {
        PolicySnapshot snapshot = new PolicySnapshot("epoch-1", 3, Instant.parse("2026-12-06T10:00:00Z"),
                PolicySet.of(SecurityDefaultsPolicies.policies(Set.of("admin")), List.of()));
        byte[] bytes = SnapshotCodec.instance().write(snapshot);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"mfaRegistration\"");
        Parsed<PolicySnapshot> read = SnapshotCodec.instance().read(bytes);
        assertThat(read.errors()).isEmpty();
        assertThat(read.value().policySet().policies()).isEqualTo(snapshot.policySet().policies());
    }

    private Parsed<SecurityDefaults> patch(String body) {
        return json.readPatch(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> paths(Parsed<?> parsed) {
        return parsed.errors().stream().map(ValidationProblem::path).toList();
    }
}
