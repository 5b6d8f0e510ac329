package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory look-up the console's pickers read: Graph's collections, found by name, each with the id a policy takes. */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class DirectoryLookupResourceTest {

    @Inject
    InMemoryDirectory directory;

    @BeforeEach
    void aSmallDirectory() {
        for (String name : new String[] {"ivan.it", "ivana.ops", "anna.accountant"}) {
            directory.put(new DirectoryUser(new UserIdentity("id-" + name, Set.of(), Set.of(), false), name,
                    RegistrationState.nothing(), false));
        }
        directory.putGroup("g-it", "IT Department", "/IT Department").putGroup("g-exempt", "Exempt", "/Contractors/Exempt")
                .putRole("admin").putRole("auditor").putClient("portal", "Employee portal").putClient("hr-app", "HR");
    }

    @AfterEach
    void clear() {
        directory.clear();
    }

    @Test
    void aReaderFindsUsersGroupsRolesAndApplicationsByName() {
        as(Roles.READER).queryParam("$search", "ivan").get("/v1.0/users").then().statusCode(200)
                .body("'@odata.context'", equalTo("https://graph.microsoft.com/v1.0/$metadata#users"))
                .body("value.id", contains("id-ivan.it", "id-ivana.ops"))
                .body("value.userPrincipalName", contains("ivan.it", "ivana.ops"));
        as(Roles.READER).queryParam("$search", "\"ivan\"").queryParam("$top", "1").get("/v1.0/users").then()
                .statusCode(200).body("value.id", contains("id-ivan.it"));
        as(Roles.ADMIN).queryParam("$search", "exe").get("/v1.0/groups").then().statusCode(200)
                .body("value.id", contains("g-exempt")).body("value[0].displayName", equalTo("Exempt"))
                .body("value[0].path", equalTo("/Contractors/Exempt"));
        as(Roles.AUTOMATION).queryParam("$search", "aud").get("/v1.0/directoryRoles").then().statusCode(200)
                .body("value.id", contains("auditor"));
        as(Roles.READER).queryParam("$search", "portal").get("/v1.0/applications").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].appId", equalTo("portal"))
                .body("value[0].displayName", equalTo("Employee portal"));
        as(Roles.READER).get("/v1.0/groups").then().statusCode(200).body("value", hasSize(2));
        as(Roles.READER).queryParam("$search", "nobody").get("/v1.0/users").then().statusCode(200).body("value", empty());
    }

    @Test
    void aBadTopOrSearchIsAProblemNamingTheParameter() {
        for (String top : new String[] {"0", "101", "ten"}) {
            as(Roles.READER).queryParam("$top", top).get("/v1.0/users").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.path", contains("$top"))
                    .body("errors[0].message", containsString("between 1 and 100"));
        }
        as(Roles.READER).queryParam("$search", "x".repeat(101)).get("/v1.0/groups").then().statusCode(400)
                .contentType("application/problem+json").body("errors.path", contains("$search"));
    }

    @Test
    void whatAPolicyHoldsIsNamedByIdAndAnIdTheDirectoryDoesNotKnowIsLeftOut() {
        as(Roles.READER).queryParam("$filter", "id in ('id-anna.accountant', 'id-deleted', 'id-ivan.it')")
                .get("/v1.0/users").then().statusCode(200)
                .body("'@odata.context'", equalTo("https://graph.microsoft.com/v1.0/$metadata#users"))
                .body("value.id", contains("id-anna.accountant", "id-ivan.it"))
                .body("value.displayName", contains("anna.accountant", "ivan.it"));
        as(Roles.ADMIN).queryParam("$filter", "id in ('g-it','/Contractors/Exempt')").get("/v1.0/groups").then()
                .statusCode(200).body("value.id", contains("g-it", "/Contractors/Exempt"))
                .body("value.displayName", contains("IT Department", "Exempt"));
        as(Roles.AUTOMATION).queryParam("$filter", "id eq 'auditor'").get("/v1.0/directoryRoles").then().statusCode(200)
                .body("value.id", contains("auditor"));
        as(Roles.READER).queryParam("$filter", "id in ('portal','gone-app')").get("/v1.0/applications").then()
                .statusCode(200).body("value.displayName", contains("Employee portal"));
        as(Roles.READER).queryParam("$filter", "id eq 'nobody'").get("/v1.0/users").then().statusCode(200)
                .body("value", empty());
    }

    @Test
    void moreThanFifteenIdsOrAFilterNotOfGraphsFormIsAProblemNamingTheParameter() {
        String sixteen = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "'u" + i + "'")
                .collect(java.util.stream.Collectors.joining(","));
        as(Roles.READER).queryParam("$filter", "id in (" + sixteen + ")").get("/v1.0/users").then().statusCode(400)
                .contentType("application/problem+json").body("errors.path", contains("$filter"))
                .body("errors[0].message", containsString("at most 15 ids"));
        for (String filter : new String[] {"id in (ivan)", "displayName eq 'Ivan'", "id in ()"}) {
            as(Roles.READER).queryParam("$filter", filter).get("/v1.0/groups").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.path", contains("$filter"));
        }
        as(Roles.READER).queryParam("$filter", "id eq 'g-it'").queryParam("$search", "it").get("/v1.0/groups").then()
                .statusCode(400).body("errors.path", contains("$search"));
    }

    @Test
    void withTheDirectoryDownTheLookUpIsA503ProblemNeverA500() {
        directory.goDown();
        for (String collection : new String[] {"users", "groups", "directoryRoles", "applications"}) {
            as(Roles.READER).queryParam("$search", "a").get("/v1.0/" + collection).then().statusCode(503)
                    .contentType("application/problem+json").body("title", equalTo("Directory unavailable"))
                    .body("detail", containsString("type ids instead"));
            as(Roles.READER).queryParam("$filter", "id eq 'x'").get("/v1.0/" + collection).then().statusCode(503)
                    .contentType("application/problem+json").body("title", equalTo("Directory unavailable"))
                    .body("detail", containsString("show the ids as they are"));
        }
    }
}
