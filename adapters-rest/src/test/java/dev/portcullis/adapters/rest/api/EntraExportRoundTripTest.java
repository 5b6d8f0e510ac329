package dev.portcullis.adapters.rest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Policies and named locations exactly as Microsoft Graph v1.0 exports them (every field Graph
 * writes, nulls included) import as they are, read back with the same meaning, and what
 * Portcullis cannot enforce is said: a warning, or in strict mode a refusal naming the field.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class EntraExportRoundTripTest {

    private static final String BASE = "/v1.0/identity/conditionalAccess";

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Jwt.issuer("https://portcullis.test").upn("alice@example.test")
                .groups(Set.of(Roles.ADMIN)).sign()).contentType(ContentType.JSON);
    }

    private static String export(String name) throws IOException {
        try (InputStream in = EntraExportRoundTripTest.class.getResourceAsStream("/entra/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void requireMfaForAdminsImportsAsIsAndReadsBackTheSame() throws IOException {
        admin().body(export("require-mfa-for-admins.json")).post(BASE + "/policies").then().statusCode(201)
                .body("id", equalTo("5f7c9a3e-1b2d-4c8e-9f0a-2b3c4d5e6f70"))
                .body("state", equalTo("enabledForReportingButNotEnforced"))
                .body("conditions.users.includeRoles", containsInAnyOrder("62e90394-69f5-4237-9190-012177145e10",
                        "194ae4cb-b126-40b2-bd5b-6091b380977d"))
                .body("conditions.users.excludeUsers", hasItem("d4f6b1a0-3c2e-4f5a-8b7c-9d0e1f2a3b4c"))
                .body("grantControls.builtInControls", hasItem("mfa"))
                .body("'@portcullis.warnings'", nullValue());
        admin().get(BASE + "/policies/5f7c9a3e-1b2d-4c8e-9f0a-2b3c4d5e6f70").then().statusCode(200)
                .body("displayName", equalTo("Require multifactor authentication for admins"))
                .body("conditions.applications.includeApplications", hasItem("All"));
    }

    @Test
    void blockLegacyAuthenticationImportsAsIs() throws IOException {
        admin().body(export("block-legacy-authentication.json")).post(BASE + "/policies").then().statusCode(201)
                .body("conditions.clientAppTypes", containsInAnyOrder("exchangeActiveSync", "other"))
                .body("grantControls.builtInControls", hasItem("block"));
    }

    @Test
    void whatCannotBeEnforcedIsAWarningOrInStrictModeARefusal() throws IOException {
        String policy = export("phishing-resistant-with-terms-of-use.json");
        admin().queryParam("strict", true).body(policy).post(BASE + "/policies").then().statusCode(400)
                .contentType("application/problem+json").body("errors.path", hasItem("grantControls.termsOfUse"));
        admin().body(policy).post(BASE + "/policies").then().statusCode(201)
                .body("'@portcullis.warnings'.path", hasItem("grantControls.termsOfUse"))
                .body("grantControls.authenticationStrength.id", equalTo("00000000-0000-0000-0000-000000000004"))
                .body("conditions.signInRiskLevels", containsInAnyOrder("high", "medium"))
                .body("sessionControls.signInFrequency.value", equalTo(4));
    }

    @Test
    void namedLocationsImportAsIs() throws IOException {
        admin().body(export("office-named-location.json")).post(BASE + "/namedLocations").then().statusCode(201)
                .body("isTrusted", equalTo(true))
                .body("ipRanges.cidrAddress", hasItem("12.34.220.0/22"))
                .body("'@portcullis.warnings'.path", hasItem("ipRanges[0].cidrAddress"))
                .body("ipRanges.size()", equalTo(2));
        admin().body(export("blocked-countries.json")).post(BASE + "/namedLocations").then().statusCode(201)
                .body("countriesAndRegions", containsInAnyOrder("US", "GB"))
                .body("includeUnknownCountriesAndRegions", equalTo(true));
    }
}
