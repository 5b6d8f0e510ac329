package dev.portcullis.graphjson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.tap.PassVerifier;
import dev.portcullis.core.tap.TemporaryAccessPass;
import dev.portcullis.core.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The POST, the shown method, the kept one, and the passes in the snapshot. */
class TemporaryAccessPassJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final TemporaryAccessPassJson json = TemporaryAccessPassJson.instance();
    private final TemporaryAccessPass pass = new TemporaryAccessPass("m1", "u1", NOW, NOW.plusSeconds(60), 60, true,
            Optional.of(PassVerifier.of("Kq7cM4xzP2wR9tHn6bVe", new SecureRandom())));

    private Parsed<TemporaryAccessPassJson.Request> read(String body) {
        return json.readRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostWithoutFieldsTakesEntrasDefaults() {
        assertThat(read("{}").orElseThrow()).isEqualTo(new TemporaryAccessPassJson.Request(Optional.empty(), 60, false));
        assertThat(json.readRequest(new byte[0]).orElseThrow().lifetimeInMinutes()).isEqualTo(60);
        assertThat(read("{\"startDateTime\":\"2026-12-07T08:00:00Z\",\"lifetimeInMinutes\":480,\"isUsableOnce\":true}")
                .orElseThrow()).isEqualTo(new TemporaryAccessPassJson.Request(
                        Optional.of(Instant.parse("2026-12-07T08:00:00Z")), 480, true));
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertThat(read("{\"lifetimeInMinutes\":9}").errors()).extracting(ValidationProblem::path)
                .containsExactly("lifetimeInMinutes");
        assertThat(read("{\"lifetimeInMinutes\":43201}").errors()).extracting(ValidationProblem::path)
                .containsExactly("lifetimeInMinutes");
        assertThat(read("{\"lifetimeInMinutes\":\"60\",\"isUsableOnce\":\"yes\",\"startDateTime\":\"tomorrow\","
                + "\"temporaryAccessPass\":\"mine\"}").errors()).extracting(ValidationProblem::path)
                .containsExactlyInAnyOrder("lifetimeInMinutes", "isUsableOnce", "startDateTime", "temporaryAccessPass");
        assertThat(read("[]").ok()).isFalse();
    }

    @Test
    void shownWithGraphsUsabilityNeverWithItsVerifier() {
        var shown = json.write(pass, NOW);
        assertThat(shown.get("isUsable").booleanValue()).isFalse();
        assertThat(shown.get("methodUsabilityReason").textValue()).isEqualTo("NotYetValid");
        assertThat(shown.has("verifier")).isFalse();
        assertThat(shown.has("temporaryAccessPass")).isFalse();
        assertThat(json.write(pass, NOW.plusSeconds(120)).get("methodUsabilityReason").textValue())
                .isEqualTo("EnabledByPolicy");
        assertThat(json.writeIssued(pass, "the-pass", NOW).get("temporaryAccessPass").textValue()).isEqualTo("the-pass");
    }

    @Test
    void keptWithItsVerifierAndReadBack() {
        DocumentCodecs codecs = GraphJsonCodecs.all(UserRiskAssessor.defaults(), Clock.systemUTC());
        String kept = codecs.encode(DocumentKind.TEMPORARY_ACCESS_PASS, pass);
        assertThat(kept).contains("\"verifier\"").doesNotContain("Kq7cM4xzP2wR9tHn6bVe");
        assertThat(codecs.temporaryAccessPasses().decode(kept)).isEqualTo(pass);
        assertThat(codecs.encode(DocumentKind.TEMPORARY_ACCESS_PASS, pass.shown())).doesNotContain("verifier");
        TemporaryAccessPass used = pass.usedAt(NOW.plusSeconds(100));
        assertThat(codecs.temporaryAccessPasses().decode(codecs.encode(DocumentKind.TEMPORARY_ACCESS_PASS, used)))
                .isEqualTo(used);
        assertThat(json.write(used, NOW.plusSeconds(120)).get("methodUsabilityReason").textValue())
                .isEqualTo("OneTimeUsed");
    }

    @Test
    void theSnapshotCarriesEachUsersPassWithItsVerifier() {
        PolicySnapshot snapshot = new PolicySnapshot("epoch-1", 3, NOW, PolicySet.of(List.of(), List.of()),
                DeviceInventory.empty(), Map.of(), Map.of("u1", pass));
        PolicySnapshot read = SnapshotCodec.instance().read(SnapshotCodec.instance().write(snapshot)).orElseThrow();
        assertThat(read.temporaryAccessPasses()).isEqualTo(Map.of("u1", pass));
        assertThat(read.temporaryAccessPasses().get("u1").accepts("Kq7cM4xzP2wR9tHn6bVe", NOW.plusSeconds(90))).isTrue();
    }
}
