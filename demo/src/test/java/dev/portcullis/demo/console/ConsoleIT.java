package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.adapters.keycloak.it.Chromium;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.ControlPlaneRealm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console at {@code /console/} in headless Chromium, against the product as
 * {@code ./portcullis} starts it: the administrator signs in through Keycloak's real pages (and
 * registers an authenticator app, as the seed requires MFA of control-plane administrators), reads
 * the seeded policies, switches one, meets the lockout guard and a concurrent change, asks What If,
 * and signs out, ending the Keycloak session; a reader sees the list without a single switch.
 * Screenshots of each page, light and dark, go to {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT extends ConsoleSuite {

    private static final Path SCREENSHOTS = Path.of("../app/target/console-screenshots"); // the console is app's
    private static final String OUTSIDE_TRUSTED = "Require MFA outside trusted locations";
    private static final String ADMIN_PORTALS = "Require compliant device and MFA for admin portals";
    private static final String NEW_POLICY = "Block legacy authentication for contractors";
    private static final String EDITED = "Block legacy authentication for contractors and vendors";
    private static final String PAGER_USER = "console-it-pager";
    private static final String RISKY_USER = "console-it-mallory";
    private static final String LEGACY = "Block legacy authentication";
    private static final String PICKED = "MFA for Ivan and Finance, picked from the directory";
    private static final String MFA_FOR_ALL = "Require MFA for all users";
    private static final String HIGH_RISK_APPS = "Require MFA for high-risk applications";
    /** The first day of the sign-ins shipped for the impact: three weeks ago, before any of this run's own. */
    private static final LocalDate IMPACT_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(21);

    private WebDriverWait wait;
    private int shot;
    private String axe;

    @BeforeAll
    void startTheProduct() throws Exception {
        start("console", SCREENSHOTS, "console", 1400); // each page whole in its screenshot
        wait = browser.waiting();
    }

    @Test
    @Order(1)
    void theAdministratorSignsInThroughKeycloakWithMfaAndSeesTheSeededPolicies() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(consoleUrl())).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .as("the console talks to the control plane and the realm only")
                .contains("default-src 'self'", "connect-src 'self' " + stack.settings().keycloakUrl() + "/realms/portcullis/");
        chrome.get(consoleUrl());
        await("the console's sign-in page", d -> present(d, "#console-sign-in"));
        screenshots("sign-in");
        signInAtKeycloak(ControlPlaneRealm.ADMIN_USER);
        // Control-plane administrators must prove MFA, and cp.admin has nothing registered yet.
        await("Conditional Access asks for more information", d -> d.getPageSource().contains("More information required"));
        registerAuthenticatorApp();
        await("the policies", d -> present(d, "#policies-table"));
        String list = text("#policies-table");
        assertThat(list).contains("Block legacy authentication",
                "Require MFA for control-plane administrators", OUTSIDE_TRUSTED, ADMIN_PORTALS);
        assertThat(text("#console-username")).isEqualTo(ControlPlaneRealm.ADMIN_USER);
        assertThat(new Select(stateSelect(OUTSIDE_TRUSTED)).getFirstSelectedOption().getText()).isEqualTo("Report-only");
        assertEveryControlHasALabel();
        screenshots("policies-administrator");

        // The list searched by a part of a name, then narrowed to a state, as Entra's list is.
        int all = policyRows().size();
        chrome.findElement(By.id("policies-search")).sendKeys("COMPLIANT DEVICE AND MFA FOR ADMIN");
        await("only the admin portals' device policy", d -> policyRows().size() == 1);
        assertThat(text("#policies-table")).contains(ADMIN_PORTALS);
        assertThat(text("#policies-count")).isEqualTo("1–1 of 1 policies");
        chrome.findElement(By.id("policies-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        new Select(chrome.findElement(By.id("policies-state"))).selectByValue("enabledForReportingButNotEnforced");
        await("the report-only policies only", d -> policyRows().size() < all && chrome.findElements(
                By.cssSelector("#policies-table .console-state-select")).stream()
                .allMatch(select -> "enabledForReportingButNotEnforced".equals(select.getAttribute("value"))));
        assertThat(text("#policies-table")).contains(OUTSIDE_TRUSTED, ADMIN_PORTALS);
        new Select(chrome.findElement(By.id("policies-state"))).selectByValue("");
        await("every policy again", d -> policyRows().size() == all);
        assertThat(text("#policies-count")).isEqualTo("1–" + all + " of " + all + " policies");
    }

    @Test
    @Order(2)
    void theAdministratorSwitchesAReportOnlyPolicyOffAndTheApiShowsIt() throws Exception {
        new Select(stateSelect(OUTSIDE_TRUSTED)).selectByValue("disabled");
        await("the change is confirmed", d -> text("#policies-messages").contains("is now Off"));
        assertThat(policy(OUTSIDE_TRUSTED)).contains("\"state\":\"disabled\"");
        assertThat(auditLog()).as("the audit log names who changed it").contains(ControlPlaneRealm.ADMIN_USER);
        screenshots("policies-switched");

        new Select(stateSelect(OUTSIDE_TRUSTED)).selectByValue("enabledForReportingButNotEnforced");
        await("the change is confirmed", d -> text("#policies-messages").contains("is now Report-only"));
        assertThat(policy(OUTSIDE_TRUSTED)).contains("\"state\":\"enabledForReportingButNotEnforced\"");
    }

    @Test
    @Order(3)
    void theLockoutGuardsRefusalIsShownAsTheControlPlaneExplainsIt() throws Exception {
        new Select(stateSelect(ADMIN_PORTALS)).selectByValue("enabled");
        await("the refusal", d -> text("#policies-messages").contains("lockout guard refused"));
        assertThat(text("#policies-messages")).contains("Nothing was stored");
        assertThat(new Select(stateSelect(ADMIN_PORTALS)).getFirstSelectedOption().getText())
                .as("the switch shows the state that is still stored").isEqualTo("Report-only");
        assertThat(policy(ADMIN_PORTALS)).contains("\"state\":\"enabledForReportingButNotEnforced\"");
        screenshots("policies-lockout-guard");
    }

    @Test
    @Order(4)
    void aChangeMadeElsewhereSinceTheListWasLoadedIsNotOverwritten() throws Exception {
        chrome.navigate().refresh();
        await("the policies", d -> present(d, "#policies-table"));
        // Someone else (the automation client) switches the policy off after this list was loaded.
        String id = policyId(OUTSIDE_TRUSTED);
        HttpResponse<String> current = new ControlPlaneApi(stack).call("GET", CA + "/policies/" + id, null);
        assertThat(patch(id, current.headers().firstValue("ETag").orElseThrow(), "{\"state\": \"disabled\"}").statusCode())
                .isEqualTo(200);
        new Select(stateSelect(OUTSIDE_TRUSTED)).selectByValue("enabled");
        await("the warning", d -> text("#policies-messages").contains("after this list was loaded"));
        assertThat(text("#policies-messages")).contains("Someone else changed", "Nothing was saved");
        assertThat(new Select(stateSelect(OUTSIDE_TRUSTED)).getFirstSelectedOption().getText())
                .as("the reloaded list shows the other change").isEqualTo("Off");
        assertThat(policy(OUTSIDE_TRUSTED)).contains("\"state\":\"disabled\"");
        screenshots("policies-changed-elsewhere");
    }

    @Test
    @Order(5)
    void aChangeThatLandsBetweenReadingAndWritingIsRefusedWith412AndTheListReloads() throws Exception {
        // A second tab of the same administrator switches the policy just before this tab's PATCH goes out,
        // with the ETag both read: this tab's PATCH then names a stale version.
        aSecondTabSwitchesTheStateFirst("enabledForReportingButNotEnforced");
        new Select(stateSelect(OUTSIDE_TRUSTED)).selectByValue("enabled");
        await("the warning", d -> text("#policies-messages").contains("while your change was being saved"));
        assertThat(text("#policies-messages")).contains("Someone else changed", "Nothing was saved");
        assertThat(((JavascriptExecutor) chrome).executeScript("return window.patchAnswers;").toString())
                .as("the control plane answered 412").isEqualTo("[412]");
        assertThat(new Select(stateSelect(OUTSIDE_TRUSTED)).getFirstSelectedOption().getText())
                .as("the reloaded list shows the second tab's change").isEqualTo("Report-only");
        assertThat(policy(OUTSIDE_TRUSTED)).contains("\"state\":\"enabledForReportingButNotEnforced\"");
        screenshots("policies-412-second-tab");
    }

    @Test
    @Order(6)
    void whatIfAnswersForIvanOnThePortal() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='what-if']")).click();
        await("the What If form", d -> present(d, "#what-if-form"));
        // The user is picked by name from the directory: the field then holds the id What-If takes.
        type("#what-if-user", "Ivan");
        await("Ivan among the matches", d -> text("#what-if-user-options").contains("Ivan Pilot"));
        chrome.findElement(By.cssSelector("#what-if-user-options [role='option']")).click();
        assertThat(chrome.findElement(By.id("what-if-user")).getAttribute("value")).isEqualTo(demoUserId("ivan.it"));
        assertThat(text("#what-if-user-status")).contains("Ivan Pilot chosen");
        type("#what-if-application", "portal");
        type("#what-if-ip", "not-an-address");
        chrome.findElement(By.id("what-if-submit")).click();
        await("the error at the IP address", d -> text("#what-if-ip-helper").contains("is not an IPv4 or IPv6 address"));
        assertThat(chrome.findElement(By.id("what-if-ip")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshots("what-if-invalid");

        assertEveryControlHasALabel();
        chrome.findElement(By.id("what-if-ip")).clear();
        type("#what-if-ip", "127.0.0.1" + Keys.ENTER); // the keyboard alone submits the form
        await("the answer", d -> present(d, "#what-if-decision"));
        WebElement pilot = chrome.findElements(By.cssSelector("#what-if-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith("Require MFA for all users")).findFirst().orElseThrow();
        assertThat(pilot.getAttribute("data-applies")).as("ivan.it is in the IT pilot group").isEqualTo("true");
        assertThat(chrome.findElements(By.cssSelector("#what-if-table tbody tr")).size())
                .as("every policy is listed").isGreaterThan(5);
        assertThat(chrome.findElement(By.id("what-if-decision")).getAttribute("data-result"))
                .isIn("requireControls", "registrationRequired");
        screenshots("what-if-ivan-on-portal");
    }

    @Test
    @Order(7)
    void theAdministratorCreatesAPolicyInTheEditorWithoutWritingJson() throws Exception {
        chrome.navigate().refresh(); // without the fetch of the 412 test
        await("the What If form", d -> present(d, "#what-if-form"));
        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-new"));
        chrome.findElement(By.id("policies-new")).click();
        await("the editor", d -> present(d, "#policy-editor"));
        assertEveryControlHasALabel();
        screenshots("editor-new");

        type("#editor-name", NEW_POLICY);
        new Select(chrome.findElement(By.id("editor-include"))).selectByValue("All");
        type("#editor-exclude-groups", "/Contractors/Exempt");
        new Select(chrome.findElement(By.id("editor-apps"))).selectByValue("All");
        check("#editor-client-apps", "exchangeActiveSync");
        check("#editor-client-apps", "other");
        new Select(chrome.findElement(By.id("editor-access"))).selectByValue("block");
        new Select(chrome.findElement(By.id("editor-state"))).selectByValue("enabledForReportingButNotEnforced");
        chrome.findElement(By.id("editor-save")).click();
        await("the policy is created", d -> text("#editor-messages").contains("was created"));

        String stored = policy(NEW_POLICY);
        assertThat(stored).contains("\"state\":\"enabledForReportingButNotEnforced\"", "\"includeUsers\":[\"All\"]",
                "\"excludeGroups\":[\"/Contractors/Exempt\"]", "\"includeApplications\":[\"All\"]",
                "\"clientAppTypes\":[\"exchangeActiveSync\",\"other\"]", "\"builtInControls\":[\"block\"]");
        assertThat(chrome.getCurrentUrl()).endsWith("#/policies/" + policyId(NEW_POLICY));
        screenshots("editor-created");
    }

    @Test
    @Order(8)
    void aValidationErrorIsShownAtTheFieldItNamesAndAnEditIsSaved() throws Exception {
        type("#editor-device-filter-rule", "device.isCompliant -eq");
        chrome.findElement(By.id("editor-save")).click();
        await("the error at the device filter", d -> !text("#editor-device-filter-rule-helper").isEmpty());
        assertThat(chrome.findElement(By.id("editor-device-filter-rule")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#editor-messages")).contains("was not saved");
        assertThat(policy(NEW_POLICY)).doesNotContain("deviceFilter\":{");
        screenshots("editor-validation-error");

        chrome.findElement(By.id("editor-device-filter-rule")).clear();
        WebElement name = chrome.findElement(By.id("editor-name"));
        name.clear();
        name.sendKeys(EDITED);
        check("#editor-user-risk", "high");
        new Select(chrome.findElement(By.id("editor-time"))).selectByValue("exclude"); // not during office hours
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            check("#editor-time-days", day);
        }
        type("#editor-time-start", "07:00");
        type("#editor-time-end", "19:00");
        chrome.findElement(By.id("editor-time-zone")).clear();
        type("#editor-time-zone", "Europe/Berlin");
        chrome.findElement(By.id("editor-save")).click();
        await("the change is saved", d -> text("#editor-messages").contains(EDITED + "\" was saved"));
        assertThat(chrome.findElement(By.id("editor-device-filter-rule")).getAttribute("aria-invalid")).isNull();
        assertThat(policy(EDITED)).contains("\"userRiskLevels\":[\"high\"]", "\"clientAppTypes\":[\"exchangeActiveSync\",\"other\"]",
                "\"excludeWindows\":[{\"daysOfWeek\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"],"
                        + "\"startTime\":\"07:00\",\"endTime\":\"19:00\",\"timeZone\":\"Europe/Berlin\"}]");
        assertThat(auditLog()).contains(ControlPlaneRealm.ADMIN_USER);
    }

    @Test
    @Order(9)
    void aChangeFromASecondTabIsShownBesideMineAndIKeepMine() throws Exception {
        // A second tab switches the policy off just before this tab's PATCH goes out, with the ETag both read.
        aSecondTabSwitchesTheStateFirst("disabled");
        check("#editor-user-risk", "medium");
        chrome.findElement(By.id("editor-save")).click();
        await("both versions", d -> present(d, "#editor-conflict-table"));
        assertThat(text("#editor-messages")).contains("Someone else changed this policy", "Nothing was saved");
        assertThat(text("#editor-conflict-table tr[data-field='state']")).contains("Report-only", "Off");
        assertThat(text("#editor-conflict-table tr[data-field='conditions.userRiskLevels']")).contains("high, medium");
        assertThat(policy(EDITED)).as("nothing of mine was saved").contains("\"state\":\"disabled\"",
                "\"userRiskLevels\":[\"high\"]");
        screenshots("editor-412-both-versions");

        chrome.findElement(By.id("editor-keep-mine")).click();
        await("my version is saved", d -> text("#editor-messages").contains(EDITED + "\" was saved"));
        assertThat(((JavascriptExecutor) chrome).executeScript("return window.patchAnswers;").toString())
                .as("the control plane answered 412, then took my version over the current ETag").isEqualTo("[412, 200]");
        assertThat(policy(EDITED)).contains("\"state\":\"enabledForReportingButNotEnforced\"",
                "\"userRiskLevels\":[\"high\",\"medium\"]");

        // Another such change, and this time the current version is taken: mine is dropped, theirs shown.
        aSecondTabSwitchesTheStateFirst("disabled");
        check("#editor-user-risk", "low");
        chrome.findElement(By.id("editor-save")).click();
        await("both versions", d -> present(d, "#editor-conflict-table"));
        chrome.findElement(By.id("editor-take-current")).click();
        await("the current version", d -> text("#editor-messages").contains("shows the current version"));
        assertThat(new Select(chrome.findElement(By.id("editor-state"))).getFirstSelectedOption().getText()).isEqualTo("Off");
        assertThat(chrome.findElement(By.cssSelector("#editor-user-risk input[value='low']")).isSelected()).isFalse();
        assertThat(policy(EDITED)).contains("\"state\":\"disabled\"", "\"userRiskLevels\":[\"high\",\"medium\"]");
    }

    @Test
    @Order(10)
    void whatIfWithTheDraftEvaluatesItWithTheStoredPoliciesAndSavesNothing() throws Exception {
        chrome.navigate().refresh(); // without the second tab's fetch
        await("the editor", d -> present(d, "#editor-what-if"));
        check("#editor-client-apps", "browser");
        uncheck("#editor-user-risk", "high"); // ivan.it is at no risk: the draft asks for none
        uncheck("#editor-user-risk", "medium");
        new Select(chrome.findElement(By.id("editor-time"))).selectByValue(""); // whatever the time of the run
        new Select(chrome.findElement(By.id("editor-state"))).selectByValue("enabledForReportingButNotEnforced");
        WebElement name = chrome.findElement(By.id("editor-name"));
        name.clear();
        type("#editor-what-if-user", "ivan.it");
        type("#editor-what-if-application", "portal");
        chrome.findElement(By.id("editor-what-if")).click();
        await("the draft's error at its field", d -> !text("#editor-name-helper").isEmpty());
        assertThat(chrome.findElement(By.id("editor-name")).getAttribute("aria-invalid")).isEqualTo("true");

        name.sendKeys(EDITED);
        chrome.findElement(By.id("editor-what-if")).click();
        await("the answer", d -> present(d, "#editor-what-if-draft"));
        assertThat(chrome.findElement(By.id("editor-what-if-draft")).getAttribute("data-applies"))
                .as("the draft blocks browsers too, report-only").isEqualTo("true");
        assertThat(chrome.findElement(By.id("editor-name")).getAttribute("aria-invalid")).isNull();
        assertThat(chrome.findElements(By.cssSelector("#what-if-table tbody tr")).size())
                .as("the stored policies are evaluated with the draft").isGreaterThan(5);
        assertThat(policy(EDITED)).as("nothing was saved").doesNotContain("\"browser\"");
        screenshots("editor-what-if-draft");
    }

    @Test
    @Order(11)
    void theAdministratorPicksAUserAndAGroupFromTheDirectoryAndThePolicyHoldsTheirIds() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-new"));
        chrome.findElement(By.id("policies-new")).click();
        await("the editor", d -> present(d, "#policy-editor"));
        type("#editor-name", PICKED);
        new Select(chrome.findElement(By.id("editor-include"))).selectByValue("selected");
        // A user by keyboard alone: a part of his name, the first match, Enter.
        WebElement users = chrome.findElement(By.id("editor-include-users"));
        assertThat(users.getAttribute("role")).isEqualTo("combobox");
        users.sendKeys("ivan");
        await("Ivan among the matches", d -> text("#editor-include-users-options").contains("Ivan Pilot")
                && "true".equals(users.getAttribute("aria-expanded")));
        assertThat(text("#editor-include-users-options")).contains("ivan.it").doesNotContain("Anna");
        screenshots("editor-user-picker"); // axe-core checks the open list too
        users.sendKeys(Keys.ARROW_DOWN);
        assertThat(users.getAttribute("aria-activedescendant")).isEqualTo("editor-include-users-option-0");
        users.sendKeys(Keys.ENTER);
        assertThat(users.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(text("#editor-messages")).as("choosing a match submits nothing").isEmpty();
        // A group with the mouse.
        type("#editor-include-groups", "Fin");
        await("Finance among the matches", d -> text("#editor-include-groups-options").contains("Finance"));
        chrome.findElement(By.cssSelector("#editor-include-groups-options [role='option']")).click();
        type("#editor-exclude-roles", "adm");
        await("the realm role among the matches", d -> present(d, "#editor-exclude-roles-options [data-id='admin']"));
        chrome.findElement(By.cssSelector("#editor-exclude-roles-options [data-id='admin']")).click();
        assertThat(text("#editor-include-users-names")).as("a chosen entry is named under its field").contains("Ivan Pilot");
        assertThat(text("#editor-include-groups-names")).contains("Finance");
        new Select(chrome.findElement(By.id("editor-apps"))).selectByValue("selected");
        // The demo's directory account may not view clients, so no application matches: the client id typed goes as it is.
        type("#editor-include-apps", "portal");
        await("the picker says nothing matched", d -> text("#editor-include-apps-status").contains("sent as it is"));
        chrome.findElement(By.id("editor-save")).click();
        await("the policy is created", d -> text("#editor-messages").contains("was created"));

        String stored = policy(PICKED);
        assertThat(stored).contains("\"includeUsers\":[\"" + demoUserId("ivan.it") + "\"]",
                "\"includeGroups\":[\"" + demoGroupId("Finance") + "\"]", "\"excludeRoles\":[\"admin\"]",
                "\"includeApplications\":[\"portal\"]");
        String id = policyId(PICKED);
        HttpResponse<String> read = new ControlPlaneApi(stack).call("GET", CA + "/policies/" + id, null);
        assertThat(send("DELETE", id, read.headers().firstValue("ETag").orElseThrow(), null).statusCode())
                .as("the policy is removed again, the later tests as they were").isEqualTo(204);
    }

    @Test
    @Order(12)
    void aSeededPolicyShowsTheNamesOfWhomAndWhatItNamesNotTheirIds() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-table"));
        chrome.findElement(By.cssSelector("tr[data-policy-id='" + policyId(MFA_FOR_ALL) + "'] a.console-edit")).click();
        String glassId = demoUserId("break.glass");
        await("the break-glass account by name", d -> text("#editor-exclude-users-names").contains("Break Glass"));
        assertThat(text("#editor-exclude-users-names")).as("with its username and id beside the name")
                .contains("break.glass", glassId);
        assertThat(chrome.findElement(By.id("editor-exclude-users")).getAttribute("value")).as("the field holds the id")
                .isEqualTo(glassId);
        await("the pilot group by name", d -> text("#editor-include-groups-names").contains("IT Department"));
        // An id the directory does not know (a deleted user) is shown as unknown, with its id.
        WebElement exclude = chrome.findElement(By.id("editor-exclude-users"));
        exclude.sendKeys(", 00000000-dead-beef-0000-000000000000");
        chrome.findElement(By.id("editor-name")).click(); // the field is left: its new id is looked up
        await("the unknown id", d -> text("#editor-exclude-users-names").contains("Unknown user"));
        assertThat(text("#editor-exclude-users-names")).contains("Break Glass", "00000000-dead-beef-0000-000000000000");
        screenshots("editor-names");

        // The demo's directory account may not view clients: the API answers 503 for applications, and the
        // editor says their names could not be read, shows the ids and still saves.
        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-table"));
        chrome.findElement(By.cssSelector("tr[data-policy-id='" + policyId(HIGH_RISK_APPS) + "'] a.console-edit")).click();
        await("the applications' names could not be read",
                d -> text("#editor-include-apps-names").contains("names could not be read"));
        assertThat(text("#editor-include-apps-names")).contains("hr-app", "finance-app");
        await("the break-glass account by name", d -> text("#editor-exclude-users-names").contains("Break Glass"));
        screenshots("editor-names-unreadable");
        check("#editor-user-risk", "high");
        chrome.findElement(By.id("editor-save")).click();
        await("the change is saved", d -> text("#editor-messages").contains("was saved"));
        assertThat(policy(HIGH_RISK_APPS)).contains("\"userRiskLevels\":[\"high\"]");
        uncheck("#editor-user-risk", "high");
        chrome.findElement(By.id("editor-save")).click();
        await("saved again", d -> text("#editor-messages").contains("was saved"));
        assertThat(policy(HIGH_RISK_APPS)).as("as it was").doesNotContain("\"userRiskLevels\":[\"high\"]");
    }

    @Test
    @Order(13)
    void theLockoutGuardsRefusalOfAnEditIsShownWithItsReasons() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-table"));
        chrome.findElement(By.cssSelector("tr[data-policy-id='" + policyId(ADMIN_PORTALS) + "'] a.console-edit")).click();
        await("the editor", d -> present(d, "#editor-state"));
        new Select(chrome.findElement(By.id("editor-state"))).selectByValue("enabled");
        chrome.findElement(By.id("editor-save")).click();
        await("the refusal", d -> text("#editor-messages").contains("lockout guard refused"));
        assertThat(text("#editor-messages")).as("who would be locked out, as the API says it")
                .contains("every administrator would be blocked from the admin portals", "Nothing was stored");
        assertThat(policy(ADMIN_PORTALS)).contains("\"state\":\"enabledForReportingButNotEnforced\"");
        screenshots("editor-lockout-guard");
    }

    @Test
    @Order(14)
    void theSignInLogIsReadAPageAtATimeFilteredAndOneSignInInDetail() throws Exception {
        // What the nodes would ship: thirty sign-ins of one user, and two blocked at high risk (two alerts).
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(signIn("console-it-pager-" + i, PAGER_USER, "allow", "low", i + 10));
        }
        records.add(signIn("console-it-high-1", RISKY_USER, "block", "high", 3));
        records.add(signIn("console-it-high-2", RISKY_USER, "block", "high", 2));
        String ivan = demoUserId("ivan.it");
        records.add(signIn("console-it-ivan", ivan, "allow", "low", 1)); // a user of the directory
        ship(records);

        chrome.findElement(By.cssSelector("a[data-route='sign-ins']")).click();
        await("the sign-in log", d -> present(d, "#sign-ins-table"));
        type("#sign-ins-user", PAGER_USER + Keys.ENTER); // the keyboard alone filters
        await("a page of 25 of that user's", d -> rows("#sign-ins-table").size() == 25
                && rows("#sign-ins-table").stream().allMatch(r -> r.getText().contains(PAGER_USER)));
        assertThat(rows("#sign-ins-table").get(0).getAttribute("data-sign-in-id")).as("newest first")
                .isEqualTo("console-it-pager-0");
        assertEveryControlHasALabel();
        screenshots("sign-ins-page-1");
        chrome.findElement(By.id("sign-ins-pager-next")).click();
        await("the second page", d -> text("#sign-ins-pager-page").equals("Page 2"));
        assertThat(rows("#sign-ins-table")).hasSize(5);
        assertThat(chrome.findElement(By.id("sign-ins-pager-next")).isEnabled()).as("the last page").isFalse();

        type("#sign-ins-from", "yesterday");
        chrome.findElement(By.id("sign-ins-apply")).click();
        await("the error at its field", d -> !text("#sign-ins-from-helper").isEmpty());
        assertThat(chrome.findElement(By.id("sign-ins-from")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshots("sign-ins-invalid-filter");

        chrome.findElement(By.id("sign-ins-from")).clear();
        chrome.findElement(By.id("sign-ins-user")).clear();
        type("#sign-ins-user", ivan + Keys.ENTER);
        await("Ivan's sign-in with his name beside his id", d -> rows("#sign-ins-table").size() == 1
                && text("tr[data-sign-in-id='console-it-ivan']").contains("Ivan Pilot " + ivan));
        chrome.findElement(By.cssSelector("tr[data-sign-in-id='console-it-ivan'] a")).sendKeys(Keys.ENTER);
        await("his name in the sign-in's detail", d -> text("#sign-in-basics").contains("Ivan Pilot " + ivan));
        chrome.findElement(By.id("sign-in-back")).click();
        await("the sign-in log", d -> present(d, "#sign-ins-user"));
        chrome.findElement(By.id("sign-ins-user")).clear();
        type("#sign-ins-user", RISKY_USER);
        new Select(chrome.findElement(By.id("sign-ins-decision"))).selectByValue("block");
        new Select(chrome.findElement(By.id("sign-ins-policy"))).selectByVisibleText(ADMIN_PORTALS);
        chrome.findElement(By.id("sign-ins-apply")).click();
        await("the blocked sign-ins", d -> rows("#sign-ins-table").size() == 2
                && "console-it-high-2".equals(rows("#sign-ins-table").get(0).getAttribute("data-sign-in-id")));
        chrome.findElement(By.cssSelector("tr[data-sign-in-id='console-it-high-2'] a")).sendKeys(Keys.ENTER);
        await("the sign-in's detail", d -> present(d, "#sign-in-policies"));
        assertThat(chrome.findElement(By.id("sign-in-decision")).getAttribute("data-decision")).isEqualTo("block");
        assertThat(text("#sign-in-policies")).contains(ADMIN_PORTALS, "failure", "sign-in risk is high");
        assertThat(text("#sign-in-risk")).contains("high", "the address is in a listed range");
        assertThat(text("#sign-in-device")).contains("175.45.176.10", "KP", "windows", "Mallory's laptop");
        assertThat(text("#sign-in-basics")).contains("corr-console-it-high-2", "blocked by " + ADMIN_PORTALS);
        assertEveryControlHasALabel();
        screenshots("sign-in-detail");
        chrome.findElement(By.id("sign-in-back")).click();
        await("the list as it was filtered", d -> rows("#sign-ins-table").size() == 2);
    }

    @Test
    @Order(15)
    void theAuditLogShowsEachChangeBeforeAndAfter() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='audit']")).click();
        await("the audit log", d -> present(d, "#audit-table"));
        // The newest change of the edited policy: the second tab switched it off (test 9).
        WebElement entry = chrome.findElements(By.cssSelector("#audit-table > tbody > tr[data-target-id='"
                + policyId(EDITED) + "']")).get(0);
        entry.findElement(By.tagName("summary")).sendKeys(Keys.ENTER); // opens with the keyboard
        WebElement state = entry.findElement(By.cssSelector("tr[data-field='state']"));
        assertThat(state.getText()).contains("enabledForReportingButNotEnforced", "disabled");
        assertThat(entry.getText()).contains(ControlPlaneRealm.ADMIN_USER);
        assertThat(text("#audit-pager-page")).isEqualTo("Page 1");
        screenshots("audit-log-diff");
    }

    @Test
    @Order(16)
    void theAdministratorAcknowledgesAnAlertAndTheApiShowsWhoAndWhy() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='alerts']")).click();
        await("the alerts", d -> rows("#alerts-table").stream().filter(r -> r.getText().contains(RISKY_USER)).count() == 2);
        assertEveryControlHasALabel();
        screenshots("alerts-new");
        String id = alertIdOf("console-it-high-2");
        type("#alert-comment-" + id, "Travelling, confirmed by phone" + Keys.TAB);
        assertThat(chrome.switchTo().activeElement().getAttribute("id")).as("the next stop after the comment is its button")
                .isEqualTo("alert-acknowledge-" + id);
        chrome.switchTo().activeElement().sendKeys(Keys.ENTER);
        await("the acknowledgement", d -> text("#alerts-messages").contains("is acknowledged"));
        assertThat(chrome.findElement(By.cssSelector("tr[data-alert-id='" + id + "']")).getAttribute("data-acknowledged"))
                .isEqualTo("true");
        assertThat(alert(id)).contains("\"by\":\"" + ControlPlaneRealm.ADMIN_USER + "\"",
                "\"comment\":\"Travelling, confirmed by phone\"");
        assertThat(alert(alertIdOf("console-it-high-1"))).contains("\"acknowledgement\":null");
        screenshots("alerts-acknowledged");
    }

    @Test
    @Order(17)
    void theAdministratorConfirmsARiskyUserCompromisedThenDismissesTheRisk() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='risky-users']")).click();
        await("the risky user", d -> present(d, "tr[data-user-id='" + RISKY_USER + "']"));
        assertEveryControlHasALabel();
        screenshots("risky-users");
        chrome.findElement(By.id("risky-user-confirmCompromised-" + RISKY_USER)).click();
        await("the verdict", d -> text("#risky-users-messages").contains("is confirmed compromised"));
        assertThat(ok("/v1.0/identityProtection/riskyUsers/" + RISKY_USER))
                .contains("\"riskLevel\":\"high\"", "\"riskState\":\"confirmedCompromised\"");
        assertThat(chrome.findElement(By.cssSelector("tr[data-user-id='" + RISKY_USER + "']")).getAttribute("data-risk-state"))
                .isEqualTo("confirmedCompromised");
        screenshots("risky-user-confirmed");
        chrome.findElement(By.id("risky-user-dismiss-" + RISKY_USER)).click();
        await("the dismissal", d -> text("#risky-users-messages").contains("no longer counts as at risk"));
        assertThat(ok("/v1.0/identityProtection/riskyUsers/" + RISKY_USER)).contains("\"riskState\":\"dismissed\"");
    }

    @Test
    @Order(18)
    void devicesNamedLocationsAndStrengthsAreListed() throws Exception {
        stack.enrolCompanyLaptop("ivan.it");
        chrome.findElement(By.cssSelector("a[data-route='devices']")).click();
        await("the devices", d -> text("#devices-table").contains("ivan.it's company laptop"));
        assertThat(text("#devices-table")).contains("Compliant", "Windows");
        screenshots("devices");
        chrome.findElement(By.cssSelector("a[data-route='named-locations']")).click();
        await("the named locations", d -> present(d, "#named-locations-table [data-location-id]"));
        assertThat(chrome.findElements(By.cssSelector("#named-locations-table .pf-m-green"))).as("a trusted location").isNotEmpty();
        screenshots("named-locations");
        chrome.findElement(By.cssSelector("a[data-route='authentication-strengths']")).click();
        await("the strengths", d -> text("#authentication-strengths-table").contains("Phishing-resistant MFA"));
        assertThat(text("#authentication-strengths-table")).contains("Built-in", "passkey", "securityKey");
        screenshots("authentication-strengths");
    }

    @Test
    @Order(19)
    void theAdministratorReadsAPolicysReportOnlyImpactOverARangeOfDays() throws Exception {
        // What the nodes would have shipped for the report-only policy three weeks ago (away from this run's own
        // sign-ins): on the first day 3 sign-ins it would have prompted and 1 it let pass, on the next 2 it would
        // have blocked and 2 it did not apply to.
        String id = policyId(OUTSIDE_TRUSTED);
        ship(List.of(evaluated("console-it-prompt-1", id, "reportOnlyInterrupted", IMPACT_DAY, 1),
                evaluated("console-it-prompt-2", id, "reportOnlyInterrupted", IMPACT_DAY, 2),
                evaluated("console-it-prompt-3", id, "reportOnlyInterrupted", IMPACT_DAY, 3),
                evaluated("console-it-pass-1", id, "reportOnlySuccess", IMPACT_DAY, 4),
                evaluated("console-it-block-1", id, "reportOnlyFailure", IMPACT_DAY.plusDays(1), 1),
                evaluated("console-it-block-2", id, "reportOnlyFailure", IMPACT_DAY.plusDays(1), 2),
                evaluated("console-it-outside-1", id, "reportOnlyNotApplied", IMPACT_DAY.plusDays(1), 3),
                evaluated("console-it-outside-2", id, "reportOnlyNotApplied", IMPACT_DAY.plusDays(1), 4)));

        chrome.findElement(By.cssSelector("a[data-route='policies']")).click();
        await("the policies", d -> present(d, "#policies-table"));
        chrome.findElement(By.cssSelector("tr[data-policy-id='" + id + "'] a.console-impact")).click();
        await("the impact of the last seven days", d -> present(d, "#impact-days-table"));
        range("#impact-period", IMPACT_DAY.minusDays(1), IMPACT_DAY.plusDays(2));
        await("the impact of those days", d -> text("#impact-signIns").equals("8"));
        assertThat(List.of(text("#impact-wouldBlock"), text("#impact-wouldPrompt"), text("#impact-wouldPass"),
                text("#impact-notApplied"))).as("block, prompt, pass, not applied").containsExactly("2", "3", "1", "2");
        assertThat(chrome.findElements(By.cssSelector("#impact-chart canvas"))).as("the chart is drawn").isNotEmpty();
        assertThat(chrome.findElement(By.id("impact-chart")).getAttribute("aria-label"))
                .contains("2 would block, 3 would prompt, 1 would pass, 2 not applied");
        assertThat(cells("#impact-days-table tr[data-date='" + IMPACT_DAY + "']")).containsExactly(
                IMPACT_DAY.toString(), "4", "0", "3", "1", "0");
        assertThat(cells("#impact-days-table tr[data-date='" + IMPACT_DAY.plusDays(1) + "']")).containsExactly(
                IMPACT_DAY.plusDays(1).toString(), "4", "2", "0", "0", "2");
        assertThat(rows("#impact-samples-table")).as("the sign-ins it applied to, newest first").extracting(
                r -> r.getAttribute("data-sign-in-id")).containsExactly("console-it-block-2", "console-it-block-1",
                "console-it-pass-1", "console-it-prompt-3", "console-it-prompt-2", "console-it-prompt-1");
        assertThat(text("#impact-samples-table tr[data-sign-in-id='console-it-block-1']")).contains("Would block");
        assertThat(cells("#impact-users-table tr[data-user-id='console-it-impact']")).as("user, would prompt, would block")
                .containsExactly("console-it-impact", "3", "2");
        assertEveryControlHasALabel();
        screenshots("impact");
        chrome.findElement(By.cssSelector("#impact-samples-table tr[data-sign-in-id='console-it-block-1'] a")).click();
        await("the sample's detail", d -> present(d, "#sign-in-policies"));
        assertThat(chrome.findElement(By.cssSelector("#sign-in-policies tr[data-policy-id='" + id + "']"))
                .getAttribute("data-result")).isEqualTo("reportOnlyFailure");
        chrome.navigate().back();
        await("the impact again", d -> present(d, "#impact-days-table"));
        range("#impact-period", IMPACT_DAY.minusDays(1), IMPACT_DAY.plusDays(2));
        await("the impact of those days", d -> text("#impact-signIns").equals("8"));

        type("#impact-period-from", Keys.chord(Keys.CONTROL, "a") + "last week" + Keys.ENTER);
        await("the error at its field", d -> !text("#impact-period-from-helper").isEmpty());
        assertThat(chrome.findElement(By.id("impact-period-from")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshots("impact-invalid-range");
    }

    @Test
    @Order(20)
    void theInsightsSumEachPolicysResultsAsEntrasWorkbookDoes() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='insights']")).click();
        await("the insights", d -> present(d, "#insights-table"));
        range("#insights-period", IMPACT_DAY.minusDays(1), IMPACT_DAY.plusDays(2));
        await("the insights of those days", d -> text("#insights-signIns").equals("8"));
        String row = "#insights-table tr[data-policy-id='" + policyId(OUTSIDE_TRUSTED) + "']";
        assertThat(cells(row)).as("name, state, evaluations, success, failure, user action required, not applied")
                .containsExactly(OUTSIDE_TRUSTED, "Report-only", "8", "1", "2", "3", "2");
        assertThat(List.of(text("#insights-success"), text("#insights-failure"), text("#insights-userActionRequired"),
                text("#insights-notApplied"))).containsExactly("1", "2", "3", "2");
        assertThat(chrome.findElement(By.id("insights-chart")).getAttribute("aria-label")).contains("Results of 1 policy evaluated");
        assertThat(rows("#insights-table").size()).as("every policy has its row").isGreaterThan(10);
        assertEveryControlHasALabel();
        screenshots("insights");
        new Select(chrome.findElement(By.id("insights-state"))).selectByValue("enabled");
        await("the policies that are on", d -> rows("#insights-table").stream()
                .allMatch(r -> r.getText().contains("On")));
        assertThat(chrome.findElements(By.cssSelector(row))).as("a report-only policy is not among them").isEmpty();
        chrome.findElements(By.cssSelector("#insights-table tbody a")).get(0).click();
        await("a policy's impact from its row", d -> present(d, "#impact-days-table"));
    }

    @Test
    @Order(21)
    void theGuidedRolloutCreatesAStepReportOnlyShowsItsImpactAndSwitchesItOn() throws Exception {
        // An organisation that has not blocked legacy authentication yet: the seeded policy is deleted.
        String seeded = policyId(LEGACY);
        HttpResponse<String> read = new ControlPlaneApi(stack).call("GET", CA + "/policies/" + seeded, null);
        assertThat(send("DELETE", seeded, read.headers().firstValue("ETag").orElseThrow(), null).statusCode()).isEqualTo(204);

        chrome.findElement(By.cssSelector("a[data-route='rollout']")).click();
        await("the rollout", d -> present(d, "#rollout-steps"));
        assertThat(chrome.findElement(By.id("rollout-step-2")).getAttribute("data-progress")).as("the next step").isEqualTo("current");
        assertThat(text("[data-template-id='block-legacy-authentication']")).contains("Not created yet");
        assertThat(chrome.findElement(By.id("rollout-breakGlassUserIds")).getAttribute("value"))
                .as("the break-glass account, read from the rollout's policies").isNotBlank();
        assertEveryControlHasALabel();
        screenshots("rollout");

        chrome.findElement(By.id("rollout-create-block-legacy-authentication")).click();
        await("the step's policy", d -> text("#rollout-messages").contains("was created report-only"));
        String id = policyId(LEGACY);
        assertThat(policy(LEGACY)).contains("\"state\":\"enabledForReportingButNotEnforced\"",
                "\"clientAppTypes\":[\"exchangeActiveSync\",\"other\"]", "\"excludeUsers\":[\""
                        + chrome.findElement(By.id("rollout-breakGlassUserIds")).getAttribute("value") + "\"]");
        // Two legacy clients that it would have blocked, shipped by a node; the page read again shows them.
        ship(List.of(evaluated("console-it-legacy-1", id, "reportOnlyFailure", LocalDate.now(ZoneOffset.UTC), 0),
                evaluated("console-it-legacy-2", id, "reportOnlyFailure", LocalDate.now(ZoneOffset.UTC), 0)));
        chrome.navigate().refresh();
        await("its impact", d -> text("#rollout-" + id + "-wouldBlock").equals("2"));
        assertThat(text("[data-policy-id='" + id + "']")).contains("Report-only");
        screenshots("rollout-step-impact");

        chrome.findElement(By.id("rollout-on-" + id)).click();
        await("the step is on", d -> text("#rollout-messages").contains("is now On"));
        assertThat(policy(LEGACY)).contains("\"state\":\"enabled\"");
        assertThat(chrome.findElement(By.id("rollout-step-2")).getAttribute("data-progress")).isEqualTo("done");
        assertThat(chrome.findElement(By.id("rollout-step-3")).getAttribute("data-progress"))
                .as("the seed's pilot policy is on").isEqualTo("done");

        // A later step the lockout guard refuses: nothing changes, and the page says why as the API does.
        String portals = policyId(ADMIN_PORTALS);
        chrome.findElement(By.id("rollout-on-" + portals)).click();
        await("the refusal", d -> text("#rollout-messages").contains("lockout guard refused"));
        assertThat(text("#rollout-messages")).contains("every administrator would be blocked from the admin portals");
        assertThat(policy(ADMIN_PORTALS)).contains("\"state\":\"enabledForReportingButNotEnforced\"");
        screenshots("rollout-lockout-guard");
    }

    @Test
    @Order(22)
    void signingOutEndsTheKeycloakSession() throws Exception {
        assertThat(sessionsOf(ControlPlaneRealm.ADMIN_USER)).isNotEmpty();
        chrome.findElement(By.id("console-sign-out")).click();
        await("the console's sign-in page", d -> present(d, "#console-sign-in"));
        assertThat(sessionsOf(ControlPlaneRealm.ADMIN_USER)).as("Keycloak's session ended").isEmpty();
        assertThat(storedSession()).as("the token is forgotten").isNull();
        // Signing in again asks for the password: there is no session left to reuse.
        chrome.findElement(By.id("console-sign-in")).click();
        await("Keycloak's login page", d -> present(d, "#username"));
        screenshots("signed-out-keycloak-asks-again");
    }

    @Test
    @Order(23)
    void aReaderSeesThePoliciesWithoutASingleSwitch() throws Exception {
        chrome.get(consoleUrl());
        await("the console's sign-in page", d -> present(d, "#console-sign-in"));
        signInAtKeycloak(ControlPlaneRealm.READER_USER);
        await("the policies", d -> present(d, "#policies-table"));
        assertThat(text("#console-username")).isEqualTo(ControlPlaneRealm.READER_USER);
        assertThat(text("#policies-table")).contains(ADMIN_PORTALS);
        assertThat(chrome.findElements(By.cssSelector("#policies-table select, #policies-table button, #policies-table input,"
                + " #policies-new"))).as("no control that changes anything").isEmpty();
        assertThat(chrome.findElements(By.cssSelector("#policies-table [data-state]"))).isNotEmpty();
        assertThat(chrome.findElement(By.id("policies-search")).isEnabled()).as("a reader searches the list too").isTrue();
        assertEveryControlHasALabel();
        screenshots("policies-reader");

        chrome.findElement(By.cssSelector("tr[data-policy-id='" + policyId(EDITED) + "'] a.console-edit")).click();
        await("the editor", d -> present(d, "#policy-editor"));
        assertThat(chrome.findElement(By.id("editor-name")).getAttribute("value")).isEqualTo(EDITED);
        assertThat(chrome.findElements(By.cssSelector("#console-view input, #console-view select, #console-view textarea,"
                + " #console-view button")).stream().filter(WebElement::isEnabled).toList())
                .as("every control is disabled").isEmpty();
        assertThat(chrome.findElements(By.cssSelector("#editor-save, #editor-what-if"))).isEmpty();
        assertThat(chrome.findElement(By.id("editor-exclude-groups")).getAttribute("role")).as("a picker, disabled")
                .isEqualTo("combobox");
        await("a reader sees names too", d -> text("#editor-exclude-groups-names").contains("Exempt"));
        assertEveryControlHasALabel();
        screenshots("editor-reader");

    }

    @Test
    @Order(24)
    void aReaderSeesTheLogsAndAlertsWithTheActionsDisabledAndTheApiRefusesThem() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='alerts']")).click();
        String id = alertIdOf("console-it-high-1");
        await("the alerts", d -> present(d, "#alert-acknowledge-" + id));
        assertThat(chrome.findElement(By.id("alert-acknowledge-" + id)).isEnabled()).as("acknowledge is disabled").isFalse();
        assertThat(chrome.findElement(By.id("alert-comment-" + id)).isEnabled()).isFalse();
        assertThat(text("#console-read-only-reason")).contains("portcullis-admin");
        Object status = ((JavascriptExecutor) chrome).executeAsyncScript("const done = arguments[1];"
                + " const token = JSON.parse(sessionStorage.getItem('portcullis.console.session')).accessToken;"
                + " fetch('/v1.0/security/portcullisAlerts/' + arguments[0] + '/acknowledge', {method: 'POST',"
                + " headers: {Authorization: 'Bearer ' + token, 'Content-Type': 'application/json'}, body: '{}'})"
                + ".then(r => done(r.status));", id);
        assertThat(status).as("the API refuses the reader's acknowledgement").isEqualTo(403L);
        assertThat(alert(id)).contains("\"acknowledgement\":null");
        assertEveryControlHasALabel();
        screenshots("alerts-reader");

        chrome.findElement(By.cssSelector("a[data-route='risky-users']")).click();
        await("the risky users", d -> present(d, "tr[data-user-id='" + RISKY_USER + "']"));
        assertThat(chrome.findElements(By.cssSelector("#risky-users-table button")).stream().filter(WebElement::isEnabled)
                .toList()).as("every verdict is disabled").isEmpty();
        screenshots("risky-users-reader");

        chrome.findElement(By.cssSelector("a[data-route='sign-ins']")).click();
        await("the sign-in log", d -> present(d, "#sign-ins-table"));
        chrome.findElement(By.cssSelector("a[data-route='audit']")).click();
        await("the audit log", d -> present(d, "#audit-table"));
        screenshots("audit-log-reader");
    }

    @Test
    @Order(25)
    void aReaderSeesTheRolloutAndTheImpactWithoutAnActionThatChanges() throws Exception {
        chrome.findElement(By.cssSelector("a[data-route='rollout']")).click();
        await("the rollout", d -> present(d, "#rollout-steps"));
        assertThat(text("#rollout-steps")).contains(LEGACY, "Would block");
        assertThat(chrome.findElements(By.cssSelector("#console-view button, #console-view input")).stream()
                .filter(WebElement::isEnabled).toList()).as("every action and parameter is disabled").isEmpty();
        assertThat(chrome.findElements(By.cssSelector("[id^='rollout-on-'], [id^='rollout-create-']"))).isNotEmpty();
        assertThat(text("#console-read-only-reason")).contains("portcullis-admin");
        assertEveryControlHasALabel();
        screenshots("rollout-reader");

        chrome.findElement(By.cssSelector("[data-policy-id='" + policyId(LEGACY) + "'] a[href$='/impact']")).click();
        await("the impact", d -> present(d, "#impact-days-table"));
        assertThat(chrome.findElements(By.cssSelector("#impact-period button")).get(0).isEnabled())
                .as("reading another range is reading").isTrue();
        screenshots("impact-reader");
    }

    @Test
    @Order(26)
    void anExpiredAccessTokenIsRenewedWhileTheKeycloakSessionLasts() throws Exception {
        Object before = accessToken();
        expireTheAccessToken();
        chrome.get(consoleUrl()); // a page load, as after a laptop wakes up
        await("the policies, read with a renewed token", d -> present(d, "#policies-table"));
        assertThat(present(chrome, "#console-sign-in")).isFalse();
        assertThat(accessToken()).as("Keycloak issued a new access token").isNotNull().isNotEqualTo(before);
    }

    @Test
    @Order(27)
    void aConsoleInUseIsRenewedBeforeItsTokenExpiresAndAnIdleOneIsSignedOut() throws Exception {
        // In use: a key pressed before the access token runs out, and the console renews it.
        expireTheAccessTokenIn(4_000);
        chrome.navigate().refresh(); // the page sets its timer for this expiry
        await("the policies", d -> present(d, "#policies-table"));
        Object before = accessToken();
        chrome.findElement(By.id("policies-search")).sendKeys(Keys.SHIFT);
        await("a renewed access token", d -> accessToken() != null && !accessToken().equals(before));
        assertThat(present(chrome, "#console-sign-in")).isFalse();

        // Idle: nothing used until the access token expires, and the tab is signed out, as Keycloak's idle
        // timeout would sign out a forgotten session.
        expireTheAccessTokenIn(3_000);
        chrome.navigate().refresh();
        await("the policies", d -> present(d, "#policies-table"));
        await("the sign-in page", d -> present(d, "#console-sign-in"));
        assertThat(text("#console-signed-out")).contains("Your session has ended");
        assertThat(storedSession()).as("the tokens are forgotten").isNull();

        chrome.findElement(By.id("console-sign-in")).click(); // Keycloak's session is still open: no password
        await("the policies again", d -> present(d, "#policies-table"));
    }

    @Test
    @Order(28)
    void anExpiredAccessTokenLeadsBackToSignInOnceTheKeycloakSessionHasEnded() throws Exception {
        assertThat(sessionsOf(ControlPlaneRealm.READER_USER)).isNotEmpty();
        try (Keycloak admin = stack.keycloakAdmin()) { // an administrator ends the reader's sessions in Keycloak
            var users = admin.realm(ControlPlaneRealm.REALM).users();
            users.get(users.search(ControlPlaneRealm.READER_USER, true).get(0).getId()).logout();
        }
        expireTheAccessToken();
        chrome.navigate().refresh();
        await("the sign-in page", d -> present(d, "#console-sign-in"));
        assertThat(text("#console-signed-out")).contains("Your session has ended");
        assertThat(storedSession()).as("the tokens are forgotten").isNull();
    }

    // ---- the browser ----------------------------------------------------------------------------

    private String consoleUrl() {
        return ConsoleSignIn.consoleUrl(stack);
    }

    private void signInAtKeycloak(String username) throws IOException {
        ConsoleSignIn.atKeycloak(browser, username);
    }

    private void registerAuthenticatorApp() throws Exception {
        ConsoleSignIn.registerAuthenticatorApp(browser);
    }

    /**
     * axe-core checks the page as it is shown (the console's pages, not Keycloak's): no violation of
     * serious or critical impact. Its script comes from the axe-core WebJar and is injected through
     * the driver, which the page's Content-Security-Policy does not govern.
     */
    private void assertAccessible(String page) throws IOException {
        if (!chrome.getCurrentUrl().startsWith(consoleUrl())) {
            return;
        }
        if (axe == null) {
            axe = axeScript();
        }
        if (!Boolean.TRUE.equals(chrome.executeScript("return typeof window.axe !== 'undefined';"))) {
            chrome.executeScript(axe);
        }
        Object violations = chrome.executeAsyncScript("const done = arguments[0];"
                + " axe.run(document, {resultTypes: ['violations']}).then(r => done(r.passes.length === 0 ? null : r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe-core failed: ' + e]));");
        assertThat((List<?>) violations).as("axe-core checked nothing on " + page).isNotNull();
        assertThat((List<?>) violations).as("axe-core's serious and critical violations on " + page).isEmpty();
    }

    private static String axeScript() throws IOException {
        Properties webJar = new Properties();
        try (InputStream in = ConsoleIT.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            webJar.load(in);
        }
        try (InputStream in = ConsoleIT.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + webJar.getProperty("version") + "/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every input, select and button of the page is named for a screen reader: a label, or a button's text. */
    private void assertEveryControlHasALabel() {
        Object unlabelled = ((JavascriptExecutor) chrome).executeScript("return [...document.querySelectorAll("
                + "'input, select, textarea')].filter(c => c.labels.length === 0).map(c => c.outerHTML)"
                + ".concat([...document.querySelectorAll('button')].filter(b => !b.textContent.trim()).map(b => b.outerHTML));");
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
    }

    private List<WebElement> policyRows() {
        return chrome.findElements(By.cssSelector("#policies-table > tbody > tr"));
    }

    private WebElement stateSelect(String displayName) throws Exception {
        return chrome.findElement(By.id("state-" + policyId(displayName)));
    }

    /**
     * A second tab of the same administrator switches the policy to this state just before this
     * tab's first PATCH goes out, with the ETag both read: this tab's PATCH then names a stale
     * version. The statuses of this tab's PATCHes are kept in {@code window.patchAnswers}.
     */
    private void aSecondTabSwitchesTheStateFirst(String state) {
        ((JavascriptExecutor) chrome).executeScript("const state = arguments[0]; const send = window.fetch;"
                + " window.patchAnswers = []; window.fetch = async (url, init) => {"
                + " if (!init || init.method !== 'PATCH') { return send(url, init); }"
                + " if (window.patchAnswers.length === 0) {"
                + "   await send(url, {...init, body: JSON.stringify({state})}); }"
                + " const answer = await send(url, init); window.patchAnswers.push(answer.status); return answer; };", state);
    }

    /** Ticks the checkbox with this value in the group with this id. */
    private void check(String group, String value) {
        WebElement box = chrome.findElement(By.cssSelector(group + " input[value='" + value + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    private void uncheck(String group, String value) {
        WebElement box = chrome.findElement(By.cssSelector(group + " input[value='" + value + "']"));
        if (box.isSelected()) {
            box.click();
        }
    }

    private void type(String css, String text) {
        chrome.findElement(By.cssSelector(css)).sendKeys(text);
    }

    private String text(String css) {
        List<WebElement> found = chrome.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static boolean present(WebDriver driver, String css) {
        return ConsoleSignIn.present(driver, css);
    }

    private Object storedSession() {
        return ((JavascriptExecutor) chrome).executeScript("return sessionStorage.getItem('portcullis.console.session');");
    }

    private Object accessToken() {
        return ((JavascriptExecutor) chrome).executeScript(
                "return JSON.parse(sessionStorage.getItem('portcullis.console.session') || '{}').accessToken;");
    }

    /** As if the tab had been left for longer than the access token lasts (a timer does not fire in a closed laptop). */
    private void expireTheAccessToken() {
        expireTheAccessTokenIn(-1000);
    }

    /** As if the access token expired this many milliseconds from now (its claims stay as Keycloak signed them). */
    private void expireTheAccessTokenIn(long millis) {
        ((JavascriptExecutor) chrome).executeScript("const s = JSON.parse(sessionStorage.getItem('portcullis.console.session'));"
                + " s.expiresAt = Date.now() + arguments[0]; sessionStorage.setItem('portcullis.console.session', JSON.stringify(s));",
                millis);
    }

    private void await(String what, Function<WebDriver, Boolean> condition) throws IOException {
        browser.await(what, condition);
    }

    /** The page in the system's light scheme, then in its dark one (PatternFly's dark theme follows it). */
    private void screenshots(String name) throws IOException {
        shot++;
        for (String scheme : List.of("light", "dark")) {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            wait.until(d -> ((JavascriptExecutor) d).executeScript(
                    "return document.documentElement.classList.contains('pf-v5-theme-dark')").equals(scheme.equals("dark")));
            Files.write(SCREENSHOTS.resolve(String.format("%02d-%s-%s.png", shot, name, scheme)),
                    chrome.getScreenshotAs(OutputType.BYTES));
            assertAccessible(name + ", " + scheme);
        }
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    // ---- Keycloak and the control plane --------------------------------------------------------------

    private List<String> sessionsOf(String username) {
        try (Keycloak admin = stack.keycloakAdmin()) {
            var users = admin.realm(ControlPlaneRealm.REALM).users();
            String id = users.search(username, true).get(0).getId();
            return users.get(id).getUserSessions().stream().map(s -> s.getId()).toList();
        }
    }

    /** A user's id in the demo realm, the directory the control plane reads. */
    private String demoUserId(String username) {
        try (Keycloak admin = stack.keycloakAdmin()) {
            return admin.realm("demo").users().search(username, true).get(0).getId();
        }
    }

    private String demoGroupId(String name) {
        try (Keycloak admin = stack.keycloakAdmin()) {
            return admin.realm("demo").groups().groups(name, 0, 10).stream().filter(g -> g.getName().equals(name))
                    .findFirst().orElseThrow().getId();
        }
    }

    /** A sign-in record as a node ships it; a block names the admin-portals policy as the one that failed. */
    private String signIn(String id, String user, String decision, String risk, int minutesAgo) throws Exception {
        ObjectNode record = JSON.createObjectNode().put("id", id).put("correlationId", "corr-" + id)
                .put("createdDateTime", Instant.now().minus(minutesAgo, ChronoUnit.MINUTES).toString())
                .put("userId", user).put("appId", "portal").put("clientAppUsed", "browser").put("ipAddress", "175.45.176.10")
                .put("riskLevelDuringSignIn", risk);
        record.putObject("location").put("countryOrRegion", "KP");
        record.putObject("deviceDetail").put("operatingSystem", "windows").put("displayName", "Mallory's laptop");
        ObjectNode portcullis = record.putObject("portcullis").put("realm", "demo").put("decision", decision);
        portcullis.putArray("decisionDetails").add(decision.equals("block") ? "blocked by " + ADMIN_PORTALS : "allowed");
        portcullis.putArray("riskReasons").add("the address is in a listed range");
        var policies = record.putArray("appliedConditionalAccessPolicies");
        if (decision.equals("block")) {
            policies.addObject().put("id", policyId(ADMIN_PORTALS)).put("displayName", ADMIN_PORTALS).put("result", "failure")
                    .putArray("reasons").add("sign-in risk is high");
        }
        return JSON.writeValueAsString(record);
    }

    /** Types a range of days into a report's form and applies it. */
    private void range(String form, LocalDate from, LocalDate to) {
        for (var field : Map.of("-from", from, "-to", to).entrySet()) {
            WebElement input = chrome.findElement(By.cssSelector(form + field.getKey()));
            input.clear();
            input.sendKeys(field.getValue().toString());
        }
        chrome.findElement(By.cssSelector(form + "-apply")).click();
    }

    /** The texts of a table row's cells. */
    private List<String> cells(String row) {
        return chrome.findElement(By.cssSelector(row)).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** Ships sign-in records as a node does. */
    private void ship(List<String> records) throws Exception {
        HttpResponse<String> shipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.settings().controlPlaneUrl() + "/v1.0/auditLogs/signIns"))
                .header("Authorization", "Bearer " + stack.nodeToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", records) + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(202);
    }

    /** A sign-in at noon (plus minutes) of a day, in which the policy had this result. */
    private String evaluated(String id, String policyId, String result, LocalDate day, int minutes) throws Exception {
        Instant at = day.equals(LocalDate.now(ZoneOffset.UTC)) ? Instant.now().minusSeconds(minutes)
                : day.atTime(12, minutes).toInstant(ZoneOffset.UTC);
        ObjectNode record = JSON.createObjectNode().put("id", id).put("correlationId", "corr-" + id)
                .put("createdDateTime", at.toString()).put("userId", "console-it-impact").put("appId", "portal")
                .put("clientAppUsed", result.equals("reportOnlyFailure") ? "exchangeActiveSync" : "browser")
                .put("riskLevelDuringSignIn", "none");
        ObjectNode portcullis = record.putObject("portcullis").put("realm", "demo").put("decision", "allow");
        portcullis.putArray("decisionDetails").add("allowed");
        record.putArray("appliedConditionalAccessPolicies").addObject().put("id", policyId).put("displayName", "policy")
                .put("result", result).putArray("reasons");
        return JSON.writeValueAsString(record);
    }

    /** The body rows of a table (not those of a table inside it, nor the row that says it is empty). */
    private List<WebElement> rows(String table) {
        return chrome.findElements(By.cssSelector(table + " > tbody > tr:not(.console-empty)"));
    }

    /** The id of the alert the sign-in raised. */
    private String alertIdOf(String signInId) throws Exception {
        return alertWhere("signInId", signInId).path("id").asText();
    }

    /** The alert as the API lists it. */
    private String alert(String id) throws Exception {
        return JSON.writeValueAsString(alertWhere("id", id));
    }

    private JsonNode alertWhere(String field, String value) throws Exception {
        for (JsonNode alert : JSON.readTree(ok("/v1.0/security/portcullisAlerts")).path("value")) {
            if (alert.path(field).asText().equals(value)) {
                return alert;
            }
        }
        throw new AssertionError("no alert with " + field + " " + value);
    }

    private String policy(String displayName) throws Exception {
        return ok(CA + "/policies/" + policyId(displayName));
    }

    private String auditLog() throws Exception {
        return ok("/v1.0/auditLogs/directoryAudits?$top=5");
    }

    private String policyId(String displayName) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"displayName\":\"" + Pattern.quote(displayName) + "\"")
                .matcher(ok(CA + "/policies"));
        assertThat(m.find()).as("policy '" + displayName + "'").isTrue();
        return m.group(1);
    }

    private String ok(String path) throws Exception {
        HttpResponse<String> response = new ControlPlaneApi(stack).call("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> patch(String id, String etag, String body) throws Exception {
        return send("PATCH", id, etag, body);
    }

    /** A change of a policy by the automation client, under the version it read. */
    private HttpResponse<String> send(String method, String id, String etag, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.settings().controlPlaneUrl() + CA + "/policies/" + id))
                .header("Authorization", "Bearer " + stack.automationToken())
                .header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
