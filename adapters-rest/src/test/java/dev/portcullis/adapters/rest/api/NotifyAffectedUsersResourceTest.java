package dev.portcullis.adapters.rest.api;

import static dev.portcullis.adapters.rest.api.TestTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.testing.SmtpReceiver;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Telling a pilot group before a policy is enforced, end to end: sign-ins shipped by a node, the
 * directory's users and the realm's SMTP settings, and a real SMTP conversation with a mail server on
 * loopback that keeps what it receives.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class NotifyAffectedUsersResourceTest {

    private static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";
    private static final String SIGN_IN = """
            {"id": "%s", "createdDateTime": "%s", "userId": "%s", "appId": "portal", "clientAppUsed": "browser",
             "ipAddress": null, "location": {"countryOrRegion": null}, "deviceDetail": {"operatingSystem": null},
             "riskLevelDuringSignIn": "none", "conditionalAccessStatus": "success",
             "portcullis": {"realm": "demo", "decision": "allow", "decisionDetails": [], "riskReasons": []},
             "appliedConditionalAccessPolicies": [{"id": "%s", "displayName": "x", "result": "%s", "reasons": []}]}
            """;

    @Inject
    InMemoryDirectory directory;

    private SmtpReceiver smtp;
    private String policyId;


    @BeforeEach
    void aReportOnlyPolicyItsSignInsAndTheRealm() {
        smtp = new SmtpReceiver(Set.of("dan@example.test"));
        policyId = as(Roles.ADMIN).contentType(ContentType.JSON).body("""
                {"displayName": "MFA for the portal", "state": "enabledForReportingButNotEnforced",
                 "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["portal"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """).post(POLICIES).then().statusCode(201).extract().path("id");
        String now = Instant.now().toString();
        as(Roles.NODE).contentType(ContentType.JSON).body("[" + String.join(",",
                SIGN_IN.formatted(policyId + "-1", now, "ann", policyId, "reportOnlyInterrupted"),
                SIGN_IN.formatted(policyId + "-2", now, "ann", policyId, "reportOnlyInterrupted"),
                SIGN_IN.formatted(policyId + "-3", now, "bob", policyId, "reportOnlyFailure"),
                SIGN_IN.formatted(policyId + "-4", now, "cid", policyId, "reportOnlyInterrupted"),
                SIGN_IN.formatted(policyId + "-5", now, "dan", policyId, "reportOnlyInterrupted"),
                SIGN_IN.formatted(policyId + "-6", now, "eve", policyId, "reportOnlySuccess")) + "]")
                .post("/v1.0/auditLogs/signIns").then().statusCode(202);
        directory.put(user("ann", "ann.lee", "ann@example.test")).put(user("bob", "bob.ray", "bob@example.test"))
                .put(user("cid", "cid.nomail", null)).put(user("dan", "dan.gone", "dan@example.test"));
        directory.useMailServer(Optional.of(new MailServer("127.0.0.1", smtp.port(), "it@example.test",
                Optional.of("IT Service Desk"), Optional.empty(), false, false,
                Optional.of(new MailServer.Login("mailer", Optional.of("smtp-s3cret"))))));
    }

    @AfterEach
    void stopTheMailServer() throws Exception {
        directory.clear();
        smtp.close();
    }

    private static DirectoryUser user(String id, String username, String email) {
        return new DirectoryUser(new UserIdentity(id, Set.of(), Set.of(), false), username,
                new RegistrationState(Set.of()), false, Optional.ofNullable(email));
    }

    private String notifyPath() {
        return POLICIES + "/" + policyId + "/notifyAffectedUsers";
    }

    @Test
    void theImpactNamesEachUserThePolicyWouldPromptOrBlock() {
        as(Roles.READER).get(POLICIES + "/" + policyId + "/reportOnlyImpact").then().statusCode(200)
                .body("wouldPrompt", equalTo(4)).body("wouldBlock", equalTo(1))
                .body("affectedUsers.total", equalTo(4)).body("affectedUsers.truncated", equalTo(false))
                .body("affectedUsers.value.userId", equalTo(List.of("ann", "bob", "cid", "dan")))
                .body("affectedUsers.value[0].username", equalTo("ann.lee"))
                .body("affectedUsers.value[0].email", equalTo("ann@example.test"))
                .body("affectedUsers.value[0].wouldPrompt", equalTo(2))
                .body("affectedUsers.value[1].wouldBlock", equalTo(1));
        as(Roles.READER).queryParam("usersTop", "1").get(POLICIES + "/" + policyId + "/reportOnlyImpact").then()
                .statusCode(200).body("affectedUsers.total", equalTo(4)).body("affectedUsers.listed", equalTo(1))
                .body("affectedUsers.truncated", equalTo(true));
        as(Roles.READER).queryParam("usersTop", "1000").get(POLICIES + "/" + policyId + "/reportOnlyImpact").then()
                .statusCode(400).body("errors.path", hasItem("usersTop"));
    }

    @Test
    void aDryRunSaysWhoWouldBeToldAndSendsNothing() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"dryRun\": true}").post(notifyPath()).then()
                .statusCode(200).body("dryRun", equalTo(true)).body("prompted", equalTo(3))
                .body("wouldSend", equalTo(2)).body("skippedNoEmail", equalTo(1))
                .body("recipients.email", equalTo(List.of("ann@example.test", "dan@example.test")));
        assertThat(smtp.received).isEmpty();
    }

    @Test
    void eachPromptedUserWithAnAddressGetsOneNoticeThroughTheRealmsMailServer() throws Exception {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"enforcementDate\": \"2099-01-05\"}").post(notifyPath())
                .then().statusCode(200).body("dryRun", equalTo(false)).body("prompted", equalTo(3))
                .body("sent", equalTo(1)).body("failed", equalTo(1)).body("skippedNoEmail", equalTo(1));
        assertThat(smtp.logins).isNotEmpty().allMatch("mailer:smtp-s3cret"::equals);
        assertThat(smtp.received).singleElement().satisfies(mail -> {
            assertThat(mail.to()).containsExactly("ann@example.test");
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.data().getBytes(StandardCharsets.UTF_8)));
            assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                    .containsExactly("ann@example.test");
            assertThat(message.getFrom()[0].toString()).contains("it@example.test").contains("IT Service Desk");
            assertThat(String.valueOf(message.getContent()).trim()).isEqualTo("From 2099-01-05 the organisation will"
                    + " ask you for MFA when you sign in to portal; register an authenticator now at"
                    + " http://localhost:8080/realms/demo/account");
        });
        String audit = as(Roles.READER).get("/v1.0/auditLogs/directoryAudits").then().statusCode(200).extract().asString();
        assertThat(audit).contains("notify affected users: enforcementDate 2099-01-05").contains(policyId)
                .contains("prompted 3, sent 1, skippedNoEmail 1, failed 1")
                .doesNotContain("smtp-s3cret").doesNotContain("ann@example.test").doesNotContain("register an authenticator");
    }

    @Test
    void aReaderMayNotSendNotices() {
        as(Roles.READER).contentType(ContentType.JSON).body("{}").post(notifyPath()).then().statusCode(403);
        assertThat(smtp.received).isEmpty();
    }

    @Test
    void withoutAMailServerInTheRealmNothingIsSentAndTheAnswerSaysWhatToConfigure() {
        directory.useMailServer(Optional.empty());
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(notifyPath()).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("e-mail settings"));
        assertThat(smtp.received).isEmpty();
        assertThat(smtp.logins).isEmpty();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"dryRun\": \"yes\"}").post(notifyPath()).then()
                .statusCode(400).body("errors.path", hasItem("dryRun"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"enforcementDate\": \"next monday\"}").post(notifyPath())
                .then().statusCode(400).body("errors.path", hasItem("enforcementDate"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"enforcementDate\": \"2020-01-01\"}").post(notifyPath())
                .then().statusCode(400).body("errors.path", hasItem("enforcementDate"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"from\": \"last week\", \"recipients\": []}")
                .post(notifyPath()).then().statusCode(400).body("errors.path", hasItem("from"))
                .body("errors.path", hasItem("recipients"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("[1]").post(notifyPath()).then().statusCode(400);
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{}").post(POLICIES + "/nope/notifyAffectedUsers").then()
                .statusCode(404);
        assertThat(smtp.received).isEmpty();
    }
}
