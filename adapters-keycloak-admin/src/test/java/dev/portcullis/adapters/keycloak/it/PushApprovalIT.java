package dev.portcullis.adapters.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.portcullis.adapters.keycloak.geoip.MmdbWriter;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Push approval with number matching in a real Keycloak 26.7.3, driven like a person would: a
 * desktop Chromium signs in, a second Chromium emulating a phone runs the companion web app the
 * provider serves. The companion makes its own WebCrypto key; nothing is shortcut through the
 * server. Every attack ends with the admin API showing no session for the user. Screenshots of
 * both screens at each step: {@code target/push-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushApprovalIT {

    static final String REALM = "push-it";
    static final String PASSWORD = "correct horse battery staple";
    static final int TIMEOUT_SECONDS = 12;
    static final String UNFAMILIAR_COUNTRY_IP = "203.0.113.9";

    private KeycloakStack stack;
    private KeycloakServer keycloak;
    private ControlPlaneStandIn controlPlane;
    private Keycloak admin;
    private RealmSetup realm;
    private String ninaId;
    private ChromeDriver desktop;
    private ChromeDriver phone;
    private WebDriverWait desktopWait;
    private WebDriverWait phoneWait;
    private String capturedApproval;
    private final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Chromium.requireBrowser();
        stack = new KeycloakStack();
        keycloak = stack.keycloak;
        controlPlane = stack.controlPlane;
        controlPlane.start();
        Path cache = stack.beside("push-it-cache");
        Path geoip = cache.resolveSibling("push-it-country.mmdb");
        new MmdbWriter("GeoLite2-Country").country("203.0.113.0/24", "BR").country("198.51.100.0/24", "DE").write(geoip);
        controlPlane.publish(new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, 1, Instant.now(), PolicySet.of(List.of(new ConditionalAccessPolicy(
                "p-mfa", "Require MFA for the push pilot", PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups("/push-pilot"), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none())), List.of())));
        realm = stack.start(Map.of("control-plane-url", controlPlane.url(), "cache-dir", cache.toString(),
                "snapshot-public-key-file", controlPlane.writePublicKey(cache.resolveSibling("push-it-snapshot-key.pem")).toString(),
                "refresh-interval-millis", "300", "sign-in-batch-linger-millis", "100", "geoip-database", geoip.toString()),
                List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1",
                        "--spi-authenticator--portcullis-push--timeout-seconds=" + TIMEOUT_SECONDS,
                        "--spi-authenticator--portcullis-push--max-pushes=12"), REALM);
        admin = stack.admin();
        realm.client("portal", false, appRedirect());
        ninaId = realm.user("nina", PASSWORD, null, realm.group("push-pilot"));
        // Her history, as earlier sign-ins wrote it: always from Germany, at this hour of the day.
        realm.signInHistoryFromGermany(ninaId, 0);

        desktop = Chromium.start(profile());
        phone = Chromium.startPhone(profile());
        desktopWait = new WebDriverWait(desktop, Duration.ofSeconds(40));
        phoneWait = new WebDriverWait(phone, Duration.ofSeconds(40));
    }

    private Path profile() throws Exception {
        Path p = Files.createTempDirectory("portcullis-push-chromium");
        profiles.add(p);
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        for (ChromeDriver driver : new ChromeDriver[] {desktop, phone}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The app's redirect is a page Keycloak serves itself, so the browser lands somewhere real. */
    private String appRedirect() {
        return stack.selfRedirect(REALM);
    }

    private String loginUrl() {
        return keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=portal"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(appRedirect(), StandardCharsets.UTF_8);
    }

    private String companionUrl() {
        return keycloak.baseUrl() + "/realms/" + REALM + "/portcullis/companion/";
    }

    // ---- the scenarios, in the order a user meets them --------------------------------------------

    @Test
    @Order(1)
    void aUserEnrolsTheCompanionByScanningTheQrCodeAndApprovingTheTestNotification() throws Exception {
        desktopPassword();
        desktopWait.until(d -> d.getPageSource().contains("More information required"));
        desktop.findElement(By.id("method-push")).click();
        screenshots("01-more-information-required");
        desktop.findElement(By.id("portcullis-next")).click();
        desktopWait.until(d -> !d.findElements(By.id("portcullis-push-qr")).isEmpty());

        // The phone's camera: the QR code, decoded from the screen's pixels, is a link to the companion.
        String scanned = decodeQr(desktop.findElement(By.id("portcullis-push-qr")));
        assertThat(scanned).startsWith(companionUrl() + "#enrol=");
        screenshots("02-qr-code-shown");
        phone.get(scanned);
        phoneWait.until(d -> d.findElement(By.id("enrol")).isDisplayed());
        assertThat(phone.findElement(By.id("code")).getAttribute("value")).isNotBlank();
        screenshots("03-companion-add-account");
        phone.findElement(By.id("add")).click();

        // The test notification: the desktop shows a number, the phone asks for it.
        phoneWait.until(d -> d.findElement(By.id("request")).isDisplayed());
        desktopWait.until(d -> d.findElement(By.id("portcullis-enrol-number")).isDisplayed());
        String number = desktop.findElement(By.id("portcullis-enrol-number")).getText().trim();
        assertThat(number).matches("\\d{2}");
        assertThat(phone.findElement(By.id("request-title")).getText()).contains("Test notification");
        phone.findElement(By.id("number")).sendKeys(number);
        screenshots("04-test-notification");
        phone.findElement(By.id("approve")).click();

        desktopWait.until(d -> d.getCurrentUrl().contains("code="));
        phoneWait.until(d -> d.findElement(By.id("result-text")).getText().startsWith("Approved"));
        screenshots("05-enrolled-and-signed-in");
        assertThat(realm.realm().users().get(ninaId).credentials())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("portcullis-push"));
    }

    @Test
    @Order(2)
    void theAccountConsoleListsThePhoneAndItsSetUpButtonStartsTheSameEnrolment() throws Exception {
        // Still signed in from the enrolment: the account console needs no second prompt.
        desktop.get(keycloak.baseUrl() + "/realms/" + REALM + "/account/account-security/signing-in");
        desktopWait.until(d -> d.getPageSource().contains("Portcullis Companion (push)"));
        // The phone is listed, removable like any credential, and "Set up" starts the same enrolment.
        assertThat(desktop.findElement(By.cssSelector("[data-testid='portcullis-push/credential-list']")).getText())
                .contains("Android phone").contains("Delete");
        WebElement setUp = desktop.findElement(By.cssSelector("[data-testid='portcullis-push/create']"));
        assertThat(setUp.getText()).isEqualTo("Set up Portcullis Companion (push)");
        desktop.executeScript("arguments[0].scrollIntoView({block: 'center'});", setUp);
        screenshots("05b-account-console-signing-in");
        setUp.click();
        desktopWait.until(d -> !d.findElements(By.id("portcullis-push-qr")).isEmpty());
        screenshots("05c-account-console-set-up-another-phone");
        assertThat(desktop.getPageSource()).contains("Set up Portcullis Companion");
    }

    @Test
    @Order(3)
    void theRightNumberSignsIn() throws Exception {
        logOutEverywhere();
        String number = desktopReachesThePush();
        WebElement request = phoneShowsTheRequest();
        assertThat(request.getText()).contains("portal").contains("127.0.0.1").contains("Chrome on linux");
        captureAnswers();
        phone.findElement(By.id("number")).sendKeys(number);
        screenshots("06-right-number");
        phone.findElement(By.id("approve")).click();
        desktopWait.until(d -> d.getCurrentUrl().contains("code="));
        screenshots("07-signed-in");
        assertThat(sessions()).isEqualTo(1);
        capturedApproval = lastCapturedAnswer();
        assertThat(capturedApproval).contains("\"decision\":\"approve\"");
    }

    @Test
    @Order(4)
    void aReplayedApprovalGetsNoOneInAndAnUnansweredPushTimesOut() throws Exception {
        logOutEverywhere();
        // The approval the phone sent for the last sign-in, sent again as it was: that request is used up.
        assertThat(post("respond", capturedApproval).statusCode()).isEqualTo(410);
        HttpResponse<String> nonsense = post("respond", "{\"decision\": \"maybe\"}");
        assertThat(nonsense.statusCode()).isEqualTo(400);
        assertThat(nonsense.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(nonsense.body()).contains("\"path\":\"decision\"").contains("\"path\":\"challengeId\"");

        String number = desktopReachesThePush();
        WebElement request = phoneShowsTheRequest();
        assertThat(number).matches("\\d{2}");
        String liveChallenge = (String) phone.executeScript("return document.getElementById('request').dataset.challenge;");
        // The same signature, pointed at the new request: it signs another challenge, so it verifies nothing.
        String retargeted = capturedApproval.replaceAll("\"challengeId\":\"[^\"]+\"", "\"challengeId\":\"" + liveChallenge + "\"");
        assertThat(post("respond", retargeted).statusCode()).isEqualTo(401);
        screenshots("08-replay-refused-push-waiting");
        assertThat(request.isDisplayed()).isTrue();

        // Nobody answers: the page ends in a clear "timed out" page once the push expires.
        new WebDriverWait(desktop, Duration.ofSeconds(TIMEOUT_SECONDS + 15))
                .until(d -> d.getPageSource().contains("timed out"));
        screenshots("09-timed-out");
        // Answering afterwards changes nothing.
        phone.findElement(By.id("number")).sendKeys(number);
        phone.findElement(By.id("approve")).click();
        phoneWait.until(d -> d.findElement(By.id("result-text")).getText().contains("expired"));
        screenshots("10-late-approval-refused");
        assertThat(desktop.getCurrentUrl()).doesNotContain("code=");
        assertThat(sessions()).isZero();
    }

    @Test
    @Order(5)
    void aWrongNumberDeniesTheSignIn() throws Exception {
        logOutEverywhere();
        String number = desktopReachesThePush();
        phoneShowsTheRequest();
        phone.findElement(By.id("number")).sendKeys(number.equals("42") ? "24" : "42");
        screenshots("11-wrong-number");
        phone.findElement(By.id("approve")).click();
        desktopWait.until(d -> d.getPageSource().contains("did not match"));
        phoneWait.until(d -> d.findElement(By.id("result-text")).getText().contains("did not match"));
        screenshots("12-wrong-number-denied");
        assertThat(desktop.getCurrentUrl()).doesNotContain("code=");
        assertThat(sessions()).isZero();
    }

    @Test
    @Order(6)
    void whileOnePushIsWaitingASecondSignInGetsNoPush() throws Exception {
        logOutEverywhere();
        desktopReachesThePush();
        phoneShowsTheRequest();
        String first = (String) phone.executeScript("return document.getElementById('request').dataset.challenge;");

        // Someone else, with the password, at the same time.
        BrowserSession other = new BrowserSession(keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        BrowserSession.Page page = other.login(other.openLogin(REALM, "portal", appRedirect()), "nina", PASSWORD);
        assertThat(page.text()).contains("already waiting on your phone");
        assertThat(page.has("#portcullis-push-number")).isFalse();
        assertThat(page.signedIn()).isFalse();
        Thread.sleep(1500);
        assertThat(phone.executeScript("return document.getElementById('request').dataset.challenge;")).isEqualTo(first);
        screenshots("13-second-push-not-sent");

        phone.findElement(By.id("deny")).click();
        desktopWait.until(d -> d.getPageSource().contains("denied on your phone"));
        screenshots("14-denied");
        assertThat(desktop.getCurrentUrl()).doesNotContain("code=");
        assertThat(sessions()).isZero();
    }

    @Test
    @Order(7)
    void aMediumRiskSignInNeverReachesThePhone() throws Exception {
        logOutEverywhere();
        desktop.executeCdpCommand("Network.enable", Map.of());
        desktop.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("X-Forwarded-For", UNFAMILIAR_COUNTRY_IP)));
        try {
            desktopPassword();
            desktopWait.until(d -> d.getPageSource().contains("looks unusual"));
            Thread.sleep(2000);
            assertThat(phone.findElement(By.id("waiting")).isDisplayed()).as("the phone got nothing").isTrue();
            screenshots("15-medium-risk-no-push");
            assertThat(desktop.getCurrentUrl()).doesNotContain("code=");
            assertThat(sessions()).isZero();
        } finally {
            desktop.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
    }

    @Test
    @Order(8)
    void denyingAndReportingEndsTheUsersSessionsMutesPushesAndLogsAHighRiskSignIn() throws Exception {
        // Nina is signed in on her desktop ...
        logOutEverywhere();
        String number = desktopReachesThePush();
        phoneShowsTheRequest();
        phone.findElement(By.id("number")).sendKeys(number);
        phone.findElement(By.id("approve")).click();
        desktopWait.until(d -> d.getCurrentUrl().contains("code="));
        assertThat(sessions()).isEqualTo(1);
        phoneWait.until(d -> d.findElement(By.id("waiting")).isDisplayed());

        // ... when someone with her password signs in from elsewhere.
        BrowserSession attacker = new BrowserSession(keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        BrowserSession.Page waiting = attacker.login(attacker.openLogin(REALM, "portal", appRedirect()), "nina", PASSWORD);
        assertThat(waiting.has("#portcullis-push-number")).as(waiting.text()).isTrue();
        WebElement request = phoneShowsTheRequest();
        assertThat(request.getText()).contains("Firefox");
        screenshots("16-someone-else-signing-in");
        phone.findElement(By.id("report")).click();
        phoneWait.until(d -> d.findElement(By.id("result-text")).getText().contains("reported"));
        screenshots("17-denied-and-reported");

        BrowserSession.Page after = attacker.submit(waiting, "#portcullis-push-form", Map.of());
        assertThat(after.text()).contains("denied on your phone");
        assertThat(after.signedIn()).isFalse();
        assertThat(sessions()).as("every session of the user ended").isZero();
        eventually("the reported sign-in reaches the sign-in log", () -> controlPlane.received().stream()
                .anyMatch(r -> r.userId().equals(ninaId) && r.riskReasons().stream()
                        .anyMatch(reason -> reason.startsWith("userReportedSuspiciousActivity"))));
        SignInRecord reported = controlPlane.received().stream().filter(r -> r.userId().equals(ninaId)
                && r.signInRisk() == RiskLevel.HIGH).reduce((a, b) -> b).orElseThrow();
        assertThat(reported.decision()).isEqualTo("block");
        assertThat(reported.target()).isEqualTo("portal");

        // Pushes are muted: the next sign-in is told to use another method, and the phone stays quiet.
        desktop.manage().deleteAllCookies();
        desktopPassword();
        desktopWait.until(d -> d.getPageSource().contains("paused"));
        screenshots("18-pushes-muted");
        assertThat(desktop.getCurrentUrl()).doesNotContain("code=");
        // The phone shows its last answer for 2.5 s, then asks the server again: nothing is waiting for it.
        phoneWait.until(d -> d.findElement(By.id("waiting")).isDisplayed());
        Thread.sleep(1500);
        assertThat(phone.findElement(By.id("request")).isDisplayed()).as("no request reached the phone").isFalse();
        assertThat(sessions()).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void desktopPassword() {
        desktop.get(loginUrl());
        desktopWait.until(d -> !d.findElements(By.id("username")).isEmpty());
        desktop.findElement(By.id("username")).sendKeys("nina");
        desktop.findElement(By.id("password")).sendKeys(PASSWORD);
        desktop.findElement(By.id("kc-login")).click();
    }

    /** A fresh sign-in on the desktop up to the page showing the number; returns the number. */
    private String desktopReachesThePush() {
        desktop.manage().deleteAllCookies();
        desktopPassword();
        desktopWait.until(d -> !d.findElements(By.id("portcullis-push-number")).isEmpty());
        return desktop.findElement(By.id("portcullis-push-number")).getText().trim();
    }

    private WebElement phoneShowsTheRequest() {
        phoneWait.until(d -> d.findElement(By.id("request")).isDisplayed());
        return phone.findElement(By.id("request"));
    }

    /** What an attacker on the wire, or malware on the phone, would see: the answers the app sends. */
    private void captureAnswers() {
        phone.executeScript("window.__answers = []; const f = window.fetch; window.fetch = function (u, o) {"
                + " if (String(u).includes('/api/respond')) { window.__answers.push(o.body); } return f.apply(this, arguments); };");
    }

    private String lastCapturedAnswer() {
        @SuppressWarnings("unchecked")
        List<String> answers = (List<String>) phone.executeScript("return window.__answers;");
        return answers.get(answers.size() - 1);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(companionUrl() + "api/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void logOutEverywhere() {
        realm.realm().users().get(ninaId).logout();
    }

    private int sessions() {
        return realm.realm().users().get(ninaId).getUserSessions().size();
    }

    /** Decodes the QR code once it is painted: on a busy machine the image may still be blank for a while. */
    private static String decodeQr(WebElement image) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return decodeQrOnce(image);
            } catch (com.google.zxing.NotFoundException notPaintedYet) {
                if (System.nanoTime() > deadline) {
                    throw notPaintedYet;
                }
                Thread.sleep(250);
            }
        }
    }

    private static String decodeQrOnce(WebElement image) throws Exception {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(image.getScreenshotAs(OutputType.BYTES)));
        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(picture.getWidth(), picture.getHeight(), pixels)))).getText();
    }

    private void screenshots(String step) throws Exception {
        Path dir = Path.of("target", "push-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(step + "-desktop.png"), desktop.getScreenshotAs(OutputType.BYTES));
        Files.write(dir.resolve(step + "-phone.png"), phone.getScreenshotAs(OutputType.BYTES));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
