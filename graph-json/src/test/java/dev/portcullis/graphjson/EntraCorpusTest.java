package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.testing.EntraCorpus;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every file of the real export corpus, read as the control plane reads a POSTed body. */
class EntraCorpusTest {

    private final JsonText json = JsonText.shared();
    private final PolicyCodec policies = PolicyCodec.instance();
    private final NamedLocationCodec locationCodec = NamedLocationCodec.instance();

    @Test
    void everyExportReads() {
        List<EntraCorpus.Export> exports = EntraCorpus.exports();
        Map<String, NamedLocation> locations = new LinkedHashMap<>();
        Map<String, AuthenticationStrength> strengths = new LinkedHashMap<>();
        AuthenticationStrength.BUILT_IN.forEach(s -> strengths.put(s.id(), s));
        Map<String, List<ValidationProblem>> refused = new LinkedHashMap<>();
        int read = 0;
        for (EntraCorpus.Export export : exports) {
            Parsed<JsonNode> tree = json.parse(export.bytes());
            assertThat(tree.errors()).as(export.name()).isEmpty();
            if (export.name().contains("/NamedLocations/")) {
                Parsed<NamedLocation> location = locationCodec.read(tree.value());
                if (location.ok()) {
                    locations.put(location.value().id(), location.value());
                    read++;
                } else {
                    refused.put(export.name(), location.errors());
                }
            }
        }
        for (EntraCorpus.Export export : exports) {
            if (export.name().contains("/NamedLocations/")) {
                continue;
            }
            Parsed<ConditionalAccessPolicy> policy = policies.read(json.parse(export.bytes()).value(),
                    ReadMode.LENIENT, locations, strengths);
            if (policy.ok()) {
                read++;
                // What Portcullis stores (and sends to nodes) reads back to the same policy.
                assertThat(policies.read(policies.write(policy.value()), ReadMode.LENIENT, locations, strengths)
                        .orElseThrow()).as(export.name()).isEqualTo(policy.value());
                // Strict mode refuses only what lenient mode read but said it would not enforce as written.
                Parsed<ConditionalAccessPolicy> strict = policies.read(json.parse(export.bytes()).value(),
                        ReadMode.STRICT, locations, strengths);
                assertThat(strict.errors()).as(export.name()).allSatisfy(e ->
                        assertThat(e.message()).endsWith("(rejected in strict mode)"));
            } else {
                refused.put(export.name(), policy.errors());
            }
        }
        refused.forEach((file, errors) -> System.out.println("REFUSED " + file + ": " + errors));
        System.out.println("CORPUS READ: " + read + " of " + exports.size());
        assertThat(read).isGreaterThanOrEqualTo(exports.size() * 95 / 100);
    }
}
