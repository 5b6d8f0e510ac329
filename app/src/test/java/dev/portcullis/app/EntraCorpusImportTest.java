package dev.portcullis.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.core.testing.EntraCorpus;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The whole corpus of real Entra exports ({@code testdata/entra-exports}: 120 files from four
 * public repositories, byte for byte) zipped as an administrator would upload it, through the import
 * API on the control plane's real database (H2): a dry run, then for real.
 */
@QuarkusTest
class EntraCorpusImportTest {

    private static final String CA = "/v1.0/identity/conditionalAccess";

    /** The placeholders the corpus's authors left for their readers to fill in. */
    private static final String MAPPING = """
            {"groups": {"<EmergencyAccessAccountsGroup>": "/Emergency access",
                        "<ExclusionPermGroup>": "/Exclusions/Permanent",
                        "<ExclusionTempGroup>": "/Exclusions/Temporary",
                        "<AdministratorGroup>": "/Administrators"}}
            """;

    private static String token(String upn, String role) {
        return ControlPlaneTokens.person(upn, role).sign();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(token("admin@example.test", "portcullis-admin"));
    }

    /** The snapshot nodes pull, opened with the control plane's published key (it is signed). */
    private static JsonPath snapshot() {
        byte[] envelope = given().auth().oauth2(token("node", "portcullis-node")).get(CA + "/snapshot")
                .then().statusCode(200).extract().asByteArray();
        byte[] keys = given().get(CA + "/snapshot/keys").then().statusCode(200).extract().asByteArray();
        Opened opened = SnapshotEnvelope.open(envelope, TrustedKeys.of(SnapshotKeys.read(keys)));
        assertThat(opened).isInstanceOf(Opened.Verified.class);
        return new JsonPath(new String(((Opened.Verified) opened).payload(), StandardCharsets.UTF_8));
    }

    /** The corpus folder as a zip, every file in it (licenses and notes too), as exports are shared. */
    private static byte[] corpusZip() throws IOException {
        Path root = EntraCorpus.root();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static JsonPath importCorpus(boolean dryRun) throws IOException {
        return admin().queryParam("dryRun", dryRun)
                .multiPart("bundle", "entra-exports.zip", corpusZip(), "application/zip")
                .multiPart("mapping", "mapping.json", MAPPING.getBytes(StandardCharsets.UTF_8), "application/json")
                .post(CA + "/import").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theCorpusImportsReportOnlyInOneChangeSetAndNothingIsEnforcedUntilEnabled() throws IOException {
        int exports = EntraCorpus.exports().size();
        long version = snapshot().getLong("version");

        JsonPath dryRun = importCorpus(true);
        long refused = dryRun.getLong("summary.refused");
        long asIs = dryRun.getLong("summary.importedAsIs");
        long withWarnings = dryRun.getLong("summary.importedWithWarnings");
        System.out.printf("IMPORT DRY RUN: %d documents, %d as is, %d with warnings, %d refused%n",
                dryRun.getInt("summary.documents"), asIs, withWarnings, refused);
        assertThat(dryRun.getInt("summary.documents")).isEqualTo(exports);
        assertThat(asIs + withWarnings).isGreaterThanOrEqualTo(exports * 95L / 100);
        assertThat(dryRun.getList("skipped", String.class)).contains("SOURCES.md");
        // A refusal names its field and says why.
        for (Map<String, Object> document : dryRun.<Map<String, Object>>getList("documents.findAll { it.result == 'refused' }")) {
            assertThat((List<?>) document.get("errors")).as(document.get("file").toString()).isNotEmpty()
                    .allSatisfy(e -> assertThat(((Map<?, ?>) e).get("message").toString()).isNotBlank());
        }
        assertThat(snapshot().getLong("version")).isEqualTo(version);

        JsonPath imported = importCorpus(false);
        String changeSet = imported.getString("changeSet");
        List<String> policyIds = imported.getList(
                "documents.findAll { it.result != 'refused' && (it.kind == 'policy' || it.kind == 'template') }.id");
        List<String> locationIds = imported.getList(
                "documents.findAll { it.result != 'refused' && it.kind == 'namedLocation' }.id");
        assertThat(policyIds.size() + locationIds.size()).isEqualTo(asIs + withWarnings);
        try {
            // One transaction, one change set: the version moved once, the audit log has every document under it.
            assertThat(snapshot().getLong("version")).isEqualTo(version + 1);
            assertThat(admin().get("/v1.0/auditLogs/directoryAudits?$top=1000").jsonPath()
                    .getList("value.findAll { it.correlationId == '" + changeSet + "' }")).hasSize(policyIds.size()
                    + locationIds.size());

            // Nothing is enforced: every imported policy is report-only in what nodes pull, and a device
            // code approval that CA004 blocks in Entra is allowed, with CA004's would-be failure recorded.
            JsonPath snapshot = snapshot();
            for (String id : policyIds) {
                assertThat(snapshot.getString("policies.find { it.id == '" + id + "' }.state")).as(id)
                        .isEqualTo("enabledForReportingButNotEnforced");
            }
            String ca004 = "1bf06972-bd5c-4d06-98ce-6b5bf5f1959f";
            String deviceCodeApproval = """
                    {"signInIdentity": {"userId": "anna", "groupIds": []},
                     "signInContext": {"includeApplications": ["portal"]},
                     "signInConditions": {"clientAppType": "browser", "authenticationFlow": {"transferMethod": "deviceCodeFlow"},
                                          "signInRiskLevel": "none", "userRiskLevel": "none"}}
                    """;
            admin().contentType(ContentType.JSON).body(deviceCodeApproval).post(CA + "/evaluate").then().statusCode(200)
                    .body("decision.result", equalTo("allow"))
                    .body("value.find { it.id == '" + ca004 + "' }.result", equalTo("reportOnlyFailure"));

            // Enabled by an administrator, it blocks the device code flow and nothing else.
            admin().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"state\": \"enabled\"}")
                    .patch(CA + "/policies/" + ca004).then().statusCode(200);
            admin().contentType(ContentType.JSON).body(deviceCodeApproval).post(CA + "/evaluate").then()
                    .statusCode(200).body("decision.result", equalTo("block"));
            admin().contentType(ContentType.JSON).body(deviceCodeApproval.replace("\"deviceCodeFlow\"", "\"none\""))
                    .post(CA + "/evaluate").then().statusCode(200)
                    .body("value.find { it.id == '" + ca004 + "' }.policyApplies", equalTo(false));
        } finally {
            for (String id : policyIds) {
                admin().header("If-Match", admin().get(CA + "/policies/" + id).header("ETag"))
                        .delete(CA + "/policies/" + id).then().statusCode(204);
            }
            for (String id : locationIds) {
                admin().header("If-Match", "\"1\"").delete(CA + "/namedLocations/" + id).then().statusCode(204);
            }
        }
    }
}
