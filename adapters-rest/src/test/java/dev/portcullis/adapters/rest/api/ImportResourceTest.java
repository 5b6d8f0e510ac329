package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration path: an Entra export as it comes (a zip of UTF-16 files with placeholders, a
 * template, a file that is not a policy) and a mapping, through a dry run and then for real.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class ImportResourceTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";
    private static final String IMPORT = BASE + "/import";

    @Inject
    InMemoryDirectory directory;

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.claims(Roles.ADMIN).upn("ada.admin").claim("amr", TestTokens.MFA).sign());
    }

    /** Exported by Entra: annotations, a placeholder group, enabled, blocking the admin portals for all. */
    private static final String BLOCK_PORTALS = """
            {"@odata.context": "https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies/$entity",
             "id": "import-block-portals", "displayName": "CA100-Admins-BlockAdminPortals", "state": "enabled",
             "createdDateTime": "2024-05-24T09:27:55Z",
             "conditions": {"users": {"includeUsers": ["All"], "excludeGroups": ["<EmergencyAccessAccountsGroup>"]},
                            "applications": {"includeApplications": ["MicrosoftAdminPortals"]},
                            "clientAppTypes": ["All"], "locations": null},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;
    private static final String DEVICE_CODE = """
            {"displayName": "307 - Block Device Code Flow", "state": "enabledForReportingButNotEnforced",
             "conditions": {"users": {"includeUsers": ["All"], "excludeGroups": ["<ExclusionPermGroup>"]},
                            "applications": {"includeApplications": ["All"]},
                            "authenticationFlows": {"transferMethods": "deviceCodeFlow"}},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;
    private static final String TEMPLATE = """
            {"id": "c7503427-338e-4c5e-902d-abe252abfb43", "name": "Require multifactor authentication for admins",
             "details": {"sessionControls": null,
                         "grantControls": {"operator": "OR", "builtInControls": ["mfa"]},
                         "conditions": {"users": {"includeUsers": ["None"], "excludeUsers": ["Current administrator will be excluded"],
                                                  "includeRoles": ["62e90394-69f5-4237-9190-012177145e10"]},
                                        "applications": {"includeApplications": ["All"]}, "clients": null}}}
            """;
    private static final String OFFICE = """
            {"@odata.type": "#microsoft.graph.ipNamedLocation", "id": "import-office", "displayName": "Office",
             "isTrusted": true, "ipRanges": [{"@odata.type": "#microsoft.graph.iPv4CidrRange", "cidrAddress": "192.0.2.0/24"}]}
            """;
    private static final String OUTSIDE_OFFICE = """
            {"displayName": "Block outside the office", "state": "disabled",
             "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["Office 365"]},
                            "locations": {"includeLocations": ["All"], "excludeLocations": ["import-office"]}},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;
    private static final String GSA = """
            {"displayName": "GSA traffic", "state": "enabledForReportingButNotEnforced",
             "conditions": {"users": {"includeUsers": ["All"]},
                            "applications": {"networkAccess": {"includeTrafficProfiles": "m365"}}},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
            """;
    private static final String MAPPING = """
            {"groups": {"<ExclusionPermGroup>": ["/Exclusions/Permanent", "/Exclusions/Temporary"]},
             "roles": {"62e90394-69f5-4237-9190-012177145e10": "realm-admin"},
             "applications": {"Office 365": ["mail", "portal"]}}
            """;

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** As PowerShell writes files: UTF-16LE with a byte-order mark, CRLF. */
    private static byte[] utf16(String text) {
        byte[] body = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xff;
        all[1] = (byte) 0xfe;
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }

    private static byte[] export() throws IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("Config/ConditionalAccess/CA100.json", utf16(BLOCK_PORTALS));
        files.put("Config/ConditionalAccess/307.json", DEVICE_CODE.getBytes(StandardCharsets.UTF_8));
        files.put("Templates/001_.json", TEMPLATE.getBytes(StandardCharsets.UTF_8));
        files.put("Config/NamedLocations/Office.json", utf16(OFFICE));
        files.put("Config/ConditionalAccess/outside.json", OUTSIDE_OFFICE.getBytes(StandardCharsets.UTF_8));
        files.put("GSA/800.json", GSA.getBytes(StandardCharsets.UTF_8));
        files.put("Broken/oops.json", "{\"displayName\": \"x\",\n \"state\": }".getBytes(StandardCharsets.UTF_8));
        files.put("LICENSE", "MIT".getBytes(StandardCharsets.UTF_8));
        return zip(files);
    }

    private static Response post(byte[] bundle, String mapping, Map<String, Object> query) {
        RequestSpecification request = admin().queryParams(query).multiPart("bundle", "export.zip", bundle, "application/zip");
        if (mapping != null) {
            request = request.multiPart("mapping", "mapping.json", mapping.getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        return request.post(IMPORT);
    }

    @BeforeEach
    void directory() {
        directory.clear();
        directory.put(new DirectoryUser(new UserIdentity("ada", Set.of(), Set.of("admin"), false), "ada.admin",
                RegistrationState.of(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP), false));
        directory.put(new DirectoryUser(new UserIdentity("glass", Set.of("/Emergency access accounts"), Set.of("admin"),
                false), "break.glass", RegistrationState.of(AuthenticationMethod.PASSWORD), true));
        directory.putGroup("g-ea", "Emergency access accounts", "/Emergency access accounts");
        directory.putGroup("g-perm", "Permanent", "/Exclusions/Permanent");
        directory.putGroup("g-temp", "Temporary", "/Exclusions/Temporary");
        directory.putRole("realm-admin");
        directory.putClient("mail", "Mail");
        directory.putClient("portal", "Portal");
    }

    @AfterEach
    void clean() {
        for (String collection : List.of("/policies", "/namedLocations")) {
            JsonPath stored = admin().get(BASE + collection).jsonPath();
            for (String id : stored.getList("value.id", String.class)) {
                if (id.startsWith("import-") || stored.getString("value.find { it.id == '" + id + "' }.displayName")
                        .matches("307 - .*|Require multifactor authentication for admins|Block outside the office|GSA traffic")) {
                    admin().header("If-Match", admin().get(BASE + collection + "/" + id).header("ETag"))
                            .delete(BASE + collection + "/" + id);
                }
            }
        }
        directory.clear();
    }

    @Test
    void aDryRunSaysPerDocumentWhatWouldHappenAndStoresNothing() throws IOException {
        long version = SignedSnapshots.read(admin().get(BASE + "/snapshot")).getLong("version");
        int audits = admin().get("/v1.0/auditLogs/directoryAudits?$top=1000").jsonPath().getList("value").size();

        JsonPath report = post(export(), MAPPING, Map.of("dryRun", true)).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("summary.documents", equalTo(7))
                .body("summary.refused", equalTo(1)).body("skipped", equalTo(List.of("LICENSE")))
                .extract().jsonPath();

        String blockPortals = "documents.find { it.file == 'Config/ConditionalAccess/CA100.json' }";
        assertThat(report.getString(blockPortals + ".result")).isEqualTo("importedWithWarnings");
        assertThat(report.getString(blockPortals + ".stateInFile")).isEqualTo("enabled");
        assertThat(report.getString(blockPortals + ".state")).isEqualTo("enabledForReportingButNotEnforced");
        // The placeholder resolves to nothing; the directory has a group of that name.
        Map<String, Object> unresolved = report.getMap(blockPortals + ".unresolvedReferences[0]");
        assertThat(unresolved).containsEntry("path", "conditions.users.excludeGroups[0]").containsEntry("kind", "groups")
                .containsEntry("value", "<EmergencyAccessAccountsGroup>");
        assertThat(report.getList(blockPortals + ".unresolvedReferences[0].suggestions.id")).containsExactly("g-ea");
        assertThat(report.getList(blockPortals + ".warnings.message", String.class))
                .anyMatch(m -> m.startsWith("ignored: ") && m.contains("OData annotation"));

        String deviceCode = "documents.find { it.file == 'Config/ConditionalAccess/307.json' }";
        assertThat(report.getString(deviceCode + ".result")).isEqualTo("importedAsIs");
        assertThat(report.getList(deviceCode + ".mappedReferences[0].to"))
                .containsExactly("/Exclusions/Permanent", "/Exclusions/Temporary");

        String template = "documents.find { it.file == 'Templates/001_.json' }";
        assertThat(report.getString(template + ".kind")).isEqualTo("template");
        assertThat(report.getString(template + ".displayName")).isEqualTo("Require multifactor authentication for admins");
        assertThat(report.getList(template + ".mappedReferences.to.flatten()"))
                .containsExactlyInAnyOrder("ada", "realm-admin");

        String outside = "documents.find { it.file == 'Config/ConditionalAccess/outside.json' }";
        assertThat(report.getString(outside + ".result")).isEqualTo("importedAsIs");
        assertThat(report.getList(outside + ".mappedReferences[0].to")).containsExactly("mail", "portal");

        String gsa = "documents.find { it.file == 'GSA/800.json' }";
        assertThat(report.getList(gsa + ".warnings.path")).contains("conditions.applications.networkAccess");

        String broken = "documents.find { it.file == 'Broken/oops.json' }";
        assertThat(report.getString(broken + ".result")).isEqualTo("refused");
        assertThat(report.getString(broken + ".errors[0].message")).contains("line 2, column 11");

        // Report-only changes nothing; enabled as exported, the placeholder would not exclude break-glass.
        assertThat(report.getBoolean("lockoutGuard.checked")).isTrue();
        assertThat(report.getList("lockoutGuard.asImported")).isEmpty();
        assertThat(report.getList("lockoutGuard.whenEnabledAsExported", String.class))
                .anyMatch(r -> r.contains("every administrator would be blocked"))
                .anyMatch(r -> r.contains("break-glass account glass is not excluded from policy 'CA100"));

        assertThat(SignedSnapshots.read(admin().get(BASE + "/snapshot")).getLong("version")).isEqualTo(version);
        admin().get(BASE + "/policies/import-block-portals").then().statusCode(404);
        assertThat(admin().get("/v1.0/auditLogs/directoryAudits?$top=1000").jsonPath().getList("value")).hasSize(audits);
    }

    @Test
    void aRealImportStoresEverythingReportOnlyInOneAuditedChangeSet() throws IOException {
        long version = SignedSnapshots.read(admin().get(BASE + "/snapshot")).getLong("version");
        String mapping = MAPPING.replace("\"groups\": {", "\"groups\": {\"<EmergencyAccessAccountsGroup>\": \"g-ea\", ");

        JsonPath report = post(export(), mapping, Map.of()).then().statusCode(200).body("dryRun", equalTo(false))
                .body("summary.refused", equalTo(1)).extract().jsonPath();
        String changeSet = report.getString("changeSet");

        // One change: the snapshot moved once, and every imported document is in the audit log under it.
        assertThat(SignedSnapshots.read(admin().get(BASE + "/snapshot")).getLong("version")).isEqualTo(version + 1);
        List<Map<String, Object>> entries = admin().get("/v1.0/auditLogs/directoryAudits?$top=1000").jsonPath()
                .getList("value.findAll { it.correlationId == '" + changeSet + "' }");
        assertThat(entries).hasSize(6).allSatisfy(e -> assertThat((String) e.get("activityDisplayName")).startsWith("import "));

        Response stored = admin().get(BASE + "/policies/import-block-portals");
        stored.then().statusCode(200).header("ETag", "\"1\"")
                .body("state", equalTo("enabledForReportingButNotEnforced"))
                .body("conditions.users.excludeGroups", equalTo(List.of("g-ea")));
        assertThat(report.getString("documents.find { it.id == 'import-block-portals' }.etag")).isEqualTo("\"1\"");
        admin().get(BASE + "/namedLocations/import-office").then().statusCode(200);
        for (String id : report.getList("documents.findAll { it.kind == 'policy' || it.kind == 'template' }"
                + ".findAll { it.result != 'refused' }.id", String.class)) {
            admin().get(BASE + "/policies/" + id).then().statusCode(200)
                    .body("state", equalTo("enabledForReportingButNotEnforced"));
        }

        // Imported twice: what has an id is refused by name, what has none is imported again beside it.
        JsonPath again = post(export(), mapping, Map.of("dryRun", true)).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("documents.find { it.file == 'Config/ConditionalAccess/CA100.json' }.errors[0].path"))
                .isEqualTo("id");
        assertThat(again.getList("documents.find { it.file == 'Config/ConditionalAccess/307.json' }.warnings.message",
                String.class)).anyMatch(m -> m.contains("a stored policy has this name too"));
    }

    @Test
    void strictRefusesExactlyWhatWouldNotBeEnforcedAsWritten() throws IOException {
        JsonPath report = post(export(), MAPPING, Map.of("dryRun", true, "strict", true)).then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getList("documents.find { it.file == 'Config/ConditionalAccess/CA100.json' }.errors",
                Map.class)).singleElement().satisfies(e -> {
                    assertThat(e.get("path")).isEqualTo("conditions.users.excludeGroups[0]");
                    assertThat((String) e.get("message")).contains("rejected in strict mode");
                });
        assertThat(report.getList("documents.find { it.file == 'GSA/800.json' }.errors.path"))
                .containsExactly("conditions.applications.networkAccess");
        assertThat(report.getString("documents.find { it.file == 'Config/ConditionalAccess/307.json' }.result"))
                .isEqualTo("importedAsIs");
    }

    @Test
    void aJsonBundleWorksAsTheBodyToo() {
        admin()
                .contentType(ContentType.JSON).queryParam("dryRun", true)
                .body("{\"@odata.context\": \"x\", \"value\": [" + DEVICE_CODE + "," + GSA + "]}")
                .post(IMPORT).then().statusCode(200).body("summary.documents", equalTo(2))
                .body("documents.index", equalTo(List.of(0, 1))).body("documents.file", hasItem("body"));
    }

    @Test
    void aBundleOrMappingThatCannotBeReadIsAProblemNamingWhich() throws IOException {
        admin().contentType(ContentType.JSON).body("[1, 2").post(IMPORT).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].path", equalTo("bundle"))
                .body("errors[0].message", containsString("malformed JSON"));
        post(export(), "{\"groups\": {\"<X>\": 7}, \"teams\": {}}", Map.of("dryRun", true)).then().statusCode(400)
                .body("errors.path", hasItem("mapping.groups.<X>")).body("errors.path", hasItem("mapping.teams"));
        admin().multiPart("mapping", "mapping.json", MAPPING.getBytes(StandardCharsets.UTF_8), "application/json")
                .post(IMPORT).then().statusCode(400).body("errors[0].path", equalTo("bundle"));
        admin().contentType("application/zip").body(new byte[] {'P', 'K', 3, 4, 9, 9}).post(IMPORT).then()
                .statusCode(400).body("errors[0].message", containsString("zip"));
    }
}
