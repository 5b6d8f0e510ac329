package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.benchmarks.load.ControlPlaneFixture;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.ControlPlaneRealm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * How long each console page takes to become interactive with the 195-policy rollout and 100,000
 * sign-ins in the log, in headless Chromium against the product as {@code ./portcullis} starts it.
 * Interactive is the console's own {@code console-ready} mark (main.js): the page's data read, rendered
 * with its controls enabled, and painted. A full load is timed from navigation start (Navigation
 * Timing's time origin); a switch inside the console from the moment the route's hash is set. No
 * time is asserted (speed is measured, never asserted): the test asserts that each page shows the
 * seeded data and writes the figures to {@code target/console-interactivity.md} (BENCHMARKS.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInteractivityIT extends ConsoleSuite {

    private static final Path FIGURES = Path.of("target/console-interactivity.md");
    private static final int SIGN_INS = 100_000;
    private static final int BATCH = 250; // about 120 KB a request, under the API's 256K
    private static final int WARM_UP = 2;
    private static final int SAMPLES = 7;

    private final Map<String, String> policyIds = new HashMap<>();
    private final StringBuilder seeding = new StringBuilder();

    /** A page: its name, its route, and what it must show of the seeded data once interactive. */
    private record Page(String name, String route, String shows, Predicate<WebDriver> showsIt) {}

    @BeforeAll
    void startTheProductWith195PoliciesAnd100000SignIns() throws Exception {
        start("console-interactivity", Path.of("target/console-interactivity-screenshots"), "interactivity", 1000);
        // The measurement outlasts Keycloak's 5-minute access token: the console renews it as it goes.
        // Signed in before the rollout is stored: its policies are enforced (past the lockout guard, which
        // knows the demo's break-glass account by id, the rollout by name), and they are not what is measured.
        chrome.get(ConsoleSignIn.consoleUrl(stack));
        browser.await("the console's sign-in page", d -> ConsoleSignIn.present(d, "#console-sign-in"));
        ConsoleSignIn.atKeycloak(browser, ControlPlaneRealm.ADMIN_USER);
        browser.await("Conditional Access asks for more information", d -> d.getPageSource().contains("More information required"));
        ConsoleSignIn.registerAuthenticatorApp(browser);
        browser.await("the policies", d -> ConsoleSignIn.present(d, "#policies-table"));

        long started = System.nanoTime();
        ControlPlaneFixture.rollout(URI.create(stack.settings().controlPlaneUrl()), stack.automationToken(), true);
        for (JsonNode policy : JSON.readTree(ok(CA + "/policies")).path("value")) {
            policyIds.put(policy.path("displayName").asText(), policy.path("id").asText());
        }
        seeding.append(String.format("the 195-policy rollout in %.1f s", (System.nanoTime() - started) / 1e9));
        started = System.nanoTime();
        shipSignIns();
        seeding.append(String.format(", %,d sign-ins through the nodes' API in batches of %d in %.1f s", SIGN_INS, BATCH,
                (System.nanoTime() - started) / 1e9));
        System.out.println("interactivity: seeded " + seeding);
    }

    @Test
    @Order(1)
    void theControlPlaneHoldsTheRolloutAndTheLog() throws Exception {
        assertThat(policyIds).as("the rollout and the demo's seed").hasSizeGreaterThanOrEqualTo(195).containsKey("p-100");
        assertThat(JSON.readTree(ok("/v1.0/auditLogs/signIns?$top=1&$skip=" + (SIGN_INS - 1))).path("value"))
                .as("the oldest of the 100,000").hasSize(1);
    }

    @Test
    @Order(2)
    void everyPageShowsTheSeededDataAndItsTimesAreWrittenDown() throws Exception {
        String signIn = JSON.readTree(ok("/v1.0/auditLogs/signIns?$top=1")).path("value").path(0).path("id").asText();
        List<Page> pages = List.of(
                new Page("Policies", "#/policies", "the first 50 of every policy by name, each with its state switch"
                        + " enabled, and a next page",
                        d -> rows(d, "#policies-table").size() == 50
                                && d.findElements(By.cssSelector(".console-state-select")).stream()
                                        .filter(WebElement::isEnabled).count() == 50
                                && text(d, "#policies-count").equals("1–50 of " + policyIds.size() + " policies")
                                && d.findElement(By.id("policies-pager-next")).isEnabled()),
                new Page("Policy editor (p-100)", "#/policies/" + policyIds.get("p-100"), "the policy's name in its field",
                        d -> "p-100".equals(d.findElement(By.id("editor-name")).getAttribute("value"))),
                new Page("New policy", "#/policies/new", "an empty Name field",
                        d -> d.findElement(By.id("editor-name")).isEnabled()),
                new Page("What If", "#/what-if", "the form", d -> d.findElement(By.id("what-if-submit")).isEnabled()),
                new Page("Sign-in log", "#/sign-ins", "25 of the 100,000, newest first, and a next page",
                        d -> rows(d, "#sign-ins-table").size() == 25
                                && signIn.equals(rows(d, "#sign-ins-table").get(0).getAttribute("data-sign-in-id"))
                                && d.findElement(By.id("sign-ins-pager-next")).isEnabled()),
                new Page("Sign-in detail", "#/sign-ins/" + signIn, "the newest sign-in's policies",
                        d -> text(d, "#sign-in-basics").contains(signIn) && rows(d, "#sign-in-policies").size() == 2),
                new Page("Audit log", "#/audit", "25 changes and a next page", d -> rows(d, "#audit-table").size() == 25
                        && d.findElement(By.id("audit-pager-next")).isEnabled()),
                new Page("High-risk alerts", "#/alerts", "25 of the 250 alerts and a next page",
                        d -> rows(d, "#alerts-table").size() == 25 && d.findElement(By.id("alerts-pager-next")).isEnabled()),
                new Page("Risky users", "#/risky-users", "the users at high risk", d -> !rows(d, "#risky-users-table").isEmpty()),
                new Page("Devices", "#/devices", "the inventory's table", d -> ConsoleSignIn.present(d, "#devices-table")),
                new Page("Named locations", "#/named-locations", "the rollout's Office and Blocked countries",
                        d -> text(d, "#named-locations-table").contains("Blocked countries")),
                new Page("Authentication strengths", "#/authentication-strengths", "the built-in strengths",
                        d -> rows(d, "#authentication-strengths-table").size() >= 3),
                // The last seven days hold about 30,000 of the sign-ins, each naming this policy: a row for each
                // day, or six when the run crossed midnight after the seeding (today then holds none).
                new Page("Report-only impact (high-sign-in-risk)", "#/policies/" + policyIds.get("high-sign-in-risk")
                        + "/impact", "the last seven days' figures and a row per day (its chart is drawn after)",
                        d -> rows(d, "#impact-days-table").size() >= 6 && !text(d, "#impact-signIns").equals("0")),
                new Page("Insights", "#/insights", "the last seven days' sums and a row per policy",
                        d -> !text(d, "#insights-signIns").isEmpty() && !text(d, "#insights-signIns").equals("0")),
                new Page("Guided rollout", "#/rollout", "the six steps, each created step with its impact",
                        d -> d.findElements(By.cssSelector("#rollout-steps > li")).size() == 6));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<String> rows = new ArrayList<>();
        for (Page page : pages) {
            List<Double> loads = new ArrayList<>();
            List<Double> switches = new ArrayList<>();
            List<Double> firstCalls = new ArrayList<>();
            List<Double> dataRead = new ArrayList<>(); // on a switch: when the page's last API answer arrived
            for (int i = 0; i < WARM_UP + SAMPLES; i++) {
                double load = fullLoad(page);
                Number firstCall = (Number) chrome.executeScript("const calls = performance.getEntriesByType('resource')"
                        + ".filter(r => r.name.includes('/v1.0/')); return calls.length ? calls[0].startTime : null;");
                if (i >= WARM_UP && firstCall != null) {
                    firstCalls.add(firstCall.doubleValue());
                }
                double change = switchTo(page);
                Number answered = (Number) chrome.executeScript("const calls = performance.getEntriesByType('resource')"
                        + ".filter(r => r.name.includes('/v1.0/')); return calls.length"
                        + " ? Math.max(...calls.map(r => r.responseEnd)) - window.consoleGo : null;");
                if (i >= WARM_UP && answered != null) {
                    dataRead.add(answered.doubleValue());
                }
                if (i >= WARM_UP) {
                    loads.add(load);
                    switches.add(change);
                }
            }
            rows.add(String.format("| %s | `%s` | %s | %s | %s | %s | %s | %s |", page.name(),
                    page.route().replace(policyIds.get("p-100"), "{id}").replace(policyIds.get("high-sign-in-risk"), "{id}")
                            .replace(signIn, "{id}"), page.shows(),
                    ms(median(loads)), ms(max(loads)), firstCalls.isEmpty() ? "none" : ms(median(firstCalls)),
                    ms(median(switches)) + " / " + ms(max(switches)), dataRead.isEmpty() ? "none" : ms(median(dataRead))));
            System.out.println("interactivity: " + rows.get(rows.size() - 1));
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        Files.writeString(FIGURES, String.join("\n",
                "# Console interactivity, " + Instant.now(),
                "",
                "Seeded: " + seeding + ". Chromium " + chrome.getCapabilities().getBrowserVersion() + ", headless, 1280×1000.",
                "Load average (1, 5, 15 min, /proc/loadavg) before: " + loadBefore + "; after: " + loadAfter + ".",
                String.format("Each page %d times after %d warm-ups; interactive is the console's `console-ready` mark.", SAMPLES, WARM_UP),
                "",
                "| page | route | interactive once it shows | full load, median | full load, max"
                        + " | its first API call started at (median) | switch in the console, median / max"
                        + " | on a switch, its last API answer arrived at (median) |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |",
                String.join("\n", rows), ""));
        System.out.println("interactivity: figures in " + FIGURES.toAbsolutePath());
    }

    // ---- the browser ----------------------------------------------------------------------------

    /** A full load of the page (from another document), in ms from navigation start to the console-ready mark. */
    private double fullLoad(Page page) throws Exception {
        chrome.get("about:blank");
        chrome.get(ConsoleSignIn.consoleUrl(stack) + page.route());
        return interactive(page, "0");
    }

    /** From the What If page (an idle form) to this page by its hash, in ms from setting it to the console-ready mark. */
    private double switchTo(Page page) throws Exception {
        String from = page.route().equals("#/what-if") ? "#/named-locations" : "#/what-if";
        chrome.executeScript("performance.clearMarks('console-ready'); location.hash = arguments[0];", from);
        browser.await(from, d -> ready(from) != null);
        chrome.executeScript("performance.clearMarks('console-ready'); performance.clearResourceTimings();"
                + " window.consoleGo = performance.now();"
                + " location.hash = arguments[0];", page.route());
        return interactive(page, "window.consoleGo");
    }

    private double interactive(Page page, String since) throws Exception {
        browser.await(page.name() + " interactive", d -> ready(page.route()) != null);
        double ms = ((Number) chrome.executeScript("return arguments[0] - " + since + ";", ready(page.route()))).doubleValue();
        browser.await(page.name() + " showing " + page.shows(), page.showsIt()::test);
        return ms;
    }

    /** The console-ready mark's time for this route, or null before it is set. */
    private Number ready(String route) {
        return (Number) chrome.executeScript("const m = performance.getEntriesByName('console-ready', 'mark')"
                + ".filter(m => m.detail === arguments[0]); return m.length ? m[m.length - 1].startTime : null;", route);
    }

    private static List<WebElement> rows(WebDriver driver, String table) {
        return driver.findElements(By.cssSelector(table + " > tbody > tr:not(.console-empty)"));
    }

    private static String text(WebDriver driver, String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static String ms(double value) {
        return String.format("%.0f ms", value);
    }

    // ---- the control plane ----------------------------------------------------------------------

    /**
     * 100,000 sign-ins as the nodes ship them, newest first every 20 s back over 23 days, 2,000 users
     * on 48 applications; one in 400 is blocked at high sign-in risk (250 alerts), the rest allowed.
     */
    private void shipSignIns() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant newest = Instant.now();
        String token = null;
        for (int from = 0; from < SIGN_INS; from += BATCH) {
            if (from % (BATCH * 40) == 0) {
                token = stack.nodeToken(); // a client token lasts 5 minutes
            }
            ArrayNode batch = JSON.createArrayNode();
            for (int i = from; i < from + BATCH; i++) {
                batch.add(signIn(i, newest.minusSeconds(20L * i)));
            }
            HttpResponse<String> shipped = http.send(HttpRequest.newBuilder(
                            URI.create(stack.settings().controlPlaneUrl() + "/v1.0/auditLogs/signIns"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(202);
        }
    }

    private ObjectNode signIn(int i, Instant at) {
        boolean blocked = i % 400 == 7;
        ObjectNode record = JSON.createObjectNode().put("id", "interactivity-" + i).put("correlationId", "corr-" + i)
                .put("createdDateTime", at.toString()).put("userId", "user-" + (i % 2000)).put("appId", "app-" + (i % 48))
                .put("clientAppUsed", "browser").put("ipAddress", "198.51.100." + (i % 250))
                .put("riskLevelDuringSignIn", blocked ? "high" : "none");
        record.putObject("location").put("countryOrRegion", blocked ? "KP" : "DE");
        record.putObject("deviceDetail").put("operatingSystem", i % 2 == 0 ? "windows" : "ios");
        ObjectNode portcullis = record.putObject("portcullis").put("realm", "demo").put("decision", blocked ? "block" : "allow");
        portcullis.putArray("decisionDetails").add(blocked ? "blocked by high-sign-in-risk" : "allowed");
        portcullis.putArray("riskReasons");
        ArrayNode policies = record.putArray("appliedConditionalAccessPolicies");
        policies.addObject().put("id", policyIds.get("high-sign-in-risk")).put("displayName", "high-sign-in-risk")
                .put("result", blocked ? "failure" : "notApplied")
                .putArray("reasons").add(blocked ? "sign-in risk is high" : "sign-in risk is not high");
        policies.addObject().put("id", policyIds.get("pilot-mfa")).put("displayName", "pilot-mfa").put("result", "notApplied")
                .putArray("reasons").add("not in the pilot group");
        return record;
    }

    private String ok(String path) throws Exception {
        HttpResponse<String> response = new ControlPlaneApi(stack).call("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
