package dev.portcullis.adapters.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.device.TestPki;
import dev.portcullis.adapters.keycloak.geoip.MmdbWriter;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.OAuth2Constants;
import dev.portcullis.adapters.keycloak.admin.KeycloakDirectory;
import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.method.AuthenticationStrength;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Portcullis inside a real Keycloak 26.7.3: real login pages, real flows, real credentials. One
 * server for the suite; the tests run in the order of a node's life: no snapshot yet, snapshots
 * from the control plane, a change without restart, the control plane gone, a restart from disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConditionalAccessInKeycloakIT {

    static final String REALM = "portcullis-it";
    static final String PORTAL_REDIRECT = "https://portal.example.test/callback";
    static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    static final byte[] ALICE_TOTP = "alice-totp-secret-20b".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BOB_TOTP = "bob-totp-secret-bytes".getBytes(StandardCharsets.US_ASCII);
    static final String PASSWORD = "correct horse battery staple";
    /** The stand-in control plane's database epoch. */
    static final String EPOCH = "5c0ffee0-0000-4000-8000-000000000001";
    static final byte[] LENA_TOTP = "lena-totp-secret-byte".getBytes(StandardCharsets.US_ASCII);
    private String maxId;

    private KeycloakStack stack;
    private KeycloakServer keycloak;
    private ControlPlaneStandIn controlPlane;
    private Keycloak admin;
    private RealmSetup realm;
    private Map<String, String> options;
    private List<String> serverOptions;
    private String eveId;
    private TestPki deviceCa;

    @BeforeAll
    void startKeycloak() throws Exception {
        stack = new KeycloakStack();
        keycloak = stack.keycloak;
        controlPlane = stack.controlPlane;
        Path cache = stack.beside("portcullis-it-cache");
        Files.deleteIfExists(cache.resolve("last-known-good-snapshot.jws"));
        Path snapshotKey = cache.resolveSibling("portcullis-it-snapshot-public-key.pem");
        Files.writeString(snapshotKey, SnapshotKeys.pem(controlPlane.key().publicKey()));
        Path geoip = cache.resolveSibling("portcullis-it-country.mmdb");
        new MmdbWriter("GeoLite2-Country").country("10.20.0.0/16", "DE").country("198.51.100.0/24", "DE")
                .country("203.0.113.0/24", "BR").country("2001:db8:20::/48", "DE").write(geoip);
        deviceCa = new TestPki("Corporate Device CA");
        Path caFile = cache.resolveSibling("portcullis-it-device-ca.pem");
        Files.writeString(caFile, pem(deviceCa.caCertificate()));
        options = Map.of("control-plane-url", controlPlane.url(), "cache-dir", cache.toString(),
                "snapshot-public-key-file", snapshotKey.toString(),
                "refresh-interval-millis", "300", "request-timeout-millis", "1000",
                "geoip-database", geoip.toString(), "device-ca-file", caFile.toString());
        // As behind a reverse proxy: the client address comes from X-Forwarded-For, the client
        // certificate from the RFC 9440 Client-Cert header, both trusted only from the proxy's address.
        serverOptions = List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1",
                "--spi-x509cert-lookup--provider=rfc9440");
        // The control plane is not running yet: no snapshot was ever loaded.
        realm = stack.start(options, serverOptions, REALM);
        admin = stack.admin();
        realm.client("portal", false, PORTAL_REDIRECT);
        realm.client("finance", false, PORTAL_REDIRECT);
        realm.client("mail", true, PORTAL_REDIRECT);
        realm.client("vault", false, vaultRedirect());
        String pilot = realm.group("pilot");
        String staff = realm.group("staff");
        String contractors = realm.group("contractors");
        realm.user("alice", PASSWORD, ALICE_TOTP, pilot);
        realm.user("bob", PASSWORD, BOB_TOTP);
        realm.user("dave", PASSWORD, null, staff);
        eveId = realm.user("eve", PASSWORD, null, contractors);
        realm.user("frank", PASSWORD, null, pilot);
        String finance = realm.group("finance");
        String lenaId = realm.user("lena", PASSWORD, LENA_TOTP, finance);
        maxId = realm.user("max", PASSWORD, null, finance);
        // Their history, as earlier sign-ins wrote it: both always from Germany; Lena at this hour of the
        // day, Max always twelve hours away from it (so now is 3 AM for him).
        realm.user("paula", PASSWORD, null, realm.group("keys"));
        realm.signInHistoryFromGermany(lenaId, 0);
        realm.signInHistoryFromGermany(maxId, 12);
    }

    /** The vault's redirect is a page Keycloak serves itself, so the browser lands somewhere real. */
    private String vaultRedirect() {
        return stack.selfRedirect(REALM);
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** RFC 9440: the certificate as an RFC 8941 byte sequence, as the proxy forwards it. */
    private static String clientCertHeader(X509Certificate certificate) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
    }

    @AfterAll
    void stopAll() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    // ---- policies ---------------------------------------------------------------------------------

    private static ConditionalAccessPolicy policy(String id, String name, PolicyState state, Conditions conditions,
            GrantControls grant) {
        return new ConditionalAccessPolicy(id, name, state, conditions, grant, SessionControls.none());
    }

    private static List<ConditionalAccessPolicy> rolloutV1() {
        return List.of(
                policy("p-pilot-mfa", "Require MFA for the pilot group", PolicyState.ENABLED,
                        Conditions.of(UsersCondition.groups("/pilot").excludingUsers("breakglass"), ApplicationsCondition.all()),
                        GrantControls.require(GrantOperator.OR, BuiltInControl.MFA)),
                policy("p-legacy", "Block legacy authentication", PolicyState.ENABLED,
                        Conditions.of(UsersCondition.all(), ApplicationsCondition.all()).withClientAppTypes(
                                ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER)),
                        GrantControls.block()),
                policy("p-contractors-finance", "Contractors may not use finance", PolicyState.ENABLED,
                        Conditions.of(UsersCondition.groups("/contractors"), ApplicationsCondition.apps("finance")),
                        GrantControls.block()),
                policy("p-dark-mode", "Block the portal (report-only trial)", PolicyState.REPORT_ONLY,
                        Conditions.of(UsersCondition.groups("/staff"), ApplicationsCondition.apps("portal")),
                        GrantControls.block()));
    }

    private static PolicySnapshot snapshot(long version, List<ConditionalAccessPolicy> policies) {
        return new PolicySnapshot(EPOCH, version, Instant.now(), PolicySet.of(policies, List.of()));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private BrowserSession browser() {
        return new BrowserSession(keycloak.baseUrl(), CHROME_ON_WINDOWS);
    }

    private BrowserSession.Page passwordStep(BrowserSession browser, String user, String client) throws Exception {
        BrowserSession.Page login = browser.openLogin(REALM, client, PORTAL_REDIRECT);
        assertThat(login.has("#kc-form-login")).as("the login page").isTrue();
        return browser.login(login, user, PASSWORD);
    }

    private static BrowserSession.Page enterOtp(BrowserSession browser, BrowserSession.Page page, byte[] secret)
            throws Exception {
        assertThat(page.has("#kc-otp-login-form")).as("the OTP form: " + page.text()).isTrue();
        return browser.submit(page, "#kc-otp-login-form", Map.of("otp", Totp.code(secret, Instant.now())));
    }

    /** The Admin Client as the control plane's directory uses it: a service account that may view users, groups and the realm. */
    private Keycloak directoryServiceAccount() {
        new RealmProvisioner(admin, REALM).ensureServiceClient("portcullis-directory", "directory-secret",
                "realm-management/view-users", "realm-management/query-groups", "realm-management/view-realm");
        return KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm(REALM)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId("portcullis-directory")
                .clientSecret("directory-secret").build();
    }

    /** The password alone does not sign {@code user} in to the portal; the one-time code after it does. */
    private void assertSignsInWithPasswordAndOtp(String user, byte[] secret) throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page afterPassword = passwordStep(browser, user, "portal");
        assertThat(afterPassword.signedIn()).isFalse();
        assertThat(enterOtp(browser, afterPassword, secret).signedIn()).isTrue();
    }

    private HttpResponse<String> passwordGrant(String user) throws Exception {
        String form = "grant_type=password&client_id=mail&scope=openid&username=" + user + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private boolean signsInStraightAway(String user) {
        try {
            return passwordStep(browser(), user, "portal").signedIn();
        } catch (Exception e) {
            return false;
        }
    }

    // ---- the suite ---------------------------------------------------------------------------------

    @Test
    @Order(0)
    void theAdminConsoleListsPortcullisStepsWithHelpText() {
        List<Map<String, Object>> providers = realm.realm().flows().getAuthenticatorProviders();
        for (String id : List.of("portcullis-conditional-access", "portcullis-direct-grant", "portcullis-cond-mfa",
                "portcullis-cond-phishing-resistant")) {
            assertThat(providers).as(id).anySatisfy(p -> {
                assertThat(p.get("id")).isEqualTo(id);
                assertThat((String) p.get("description")).hasSizeGreaterThan(40);
            });
        }
    }

    /**
     * The control plane reads this realm's directory through the Admin Client with a service account,
     * and must see a user the way a login does: groups by id and path (parents too), roles, the
     * methods registered, who administers the realm and which account is break-glass.
     */
    @Test
    @Order(0)
    void theControlPlaneReadsTheDirectoryAsALoginSeesIt() {
        RealmProvisioner provisioner = new RealmProvisioner(admin, REALM);
        String rootId = realm.user("root", PASSWORD, BOB_TOTP, realm.group("ops"));
        String glassId = realm.user("glass", PASSWORD, null);
        provisioner.ensureRole(rootId, "admin");
        provisioner.ensureRole(glassId, "admin");
        new DirectorySeed(admin, REALM).ensureUserAttribute(glassId, KeycloakDirectory.BREAK_GLASS_ATTRIBUTE, "true");

        try (Keycloak serviceAccount = directoryServiceAccount()) {
            KeycloakDirectory directory = new KeycloakDirectory(serviceAccount, REALM, "admin");
            DirectoryPort.DirectoryUser root = directory.findUser("root").orElseThrow();
            assertThat(root.identity().id()).isEqualTo(rootId);
            assertThat(root.identity().groupIds()).contains("/ops");
            assertThat(root.identity().roleIds()).contains("admin");
            assertThat(root.registration().registered()).contains(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP);
            assertThat(directory.findUser(rootId)).map(DirectoryPort.DirectoryUser::username).contains("root");
            assertThat(directory.findUser("nobody")).isEmpty();
            assertThat(directory.administrators())
                    .extracting(u -> u.username() + (u.breakGlass() ? " (break-glass)" : ""))
                    .containsExactlyInAnyOrder("root", "glass (break-glass)");
        }
    }

    /**
     * The pilot group's notice reads the realm's own e-mail settings and the user's address; Keycloak's
     * Admin API masks the SMTP password, which the directory then reports as not known.
     */
    @Test
    @Order(0)
    void theControlPlaneReadsTheRealmsMailSettingsAndAUsersAddress() {
        String mailedId = realm.user("mailed", PASSWORD, null);
        org.keycloak.representations.idm.UserRepresentation mailed = admin.realm(REALM).users().get(mailedId)
                .toRepresentation();
        mailed.setEmail("mailed@example.test");
        admin.realm(REALM).users().get(mailedId).update(mailed);
        try (Keycloak serviceAccount = directoryServiceAccount()) {
            KeycloakDirectory directory = new KeycloakDirectory(serviceAccount, REALM, "admin");
            assertThat(directory.findUser("mailed").orElseThrow().email()).contains("mailed@example.test");
            org.keycloak.representations.idm.RealmRepresentation settings = admin.realm(REALM).toRepresentation();
            java.util.Map<String, String> before = settings.getSmtpServer();
            try {
                settings.setSmtpServer(new java.util.HashMap<>(java.util.Map.of("host", "smtp.example.test", "port", "587",
                        "from", "it@example.test", "starttls", "true", "auth", "true", "user", "mailer",
                        "password", "smtp-s3cret")));
                admin.realm(REALM).update(settings);
                assertThat(directory.mailServer()).hasValueSatisfying(server -> {
                    assertThat(server.host()).isEqualTo("smtp.example.test");
                    assertThat(server.port()).isEqualTo(587);
                    assertThat(server.from()).isEqualTo("it@example.test");
                    assertThat(server.starttls()).isTrue();
                    assertThat(server.login()).contains(new dev.portcullis.core.notice.MailServer.Login("mailer",
                            java.util.Optional.empty()));
                });
            } finally {
                settings.setSmtpServer(before == null ? new java.util.HashMap<>() : before);
                admin.realm(REALM).update(settings);
            }
        }
    }

    @Test
    @Order(1)
    void withNoSnapshotEverLoadedEveryoneMustUseMfa() throws Exception {
        assertSignsInWithPasswordAndOtp("bob", BOB_TOTP);

        BrowserSession.Page dave = passwordStep(browser(), "dave", "portal");
        assertThat(dave.has("#portcullis-more-information")).as("no MFA registered: " + dave.text()).isTrue();
    }

    @Test
    @Order(2)
    void onceTheControlPlanePublishesAUserOutsideEveryPolicyGetsNoPrompt() throws Exception {
        controlPlane.publish(snapshot(1, rolloutV1()));
        controlPlane.start();
        eventually("dave signs in without a prompt once snapshot 1 is enforced", () -> signsInStraightAway("dave"));
        eventually("the node polls with If-None-Match", () -> controlPlane.notModifiedResponses() > 0);
    }

    @Test
    @Order(3)
    void aPilotUserIsSteppedUpWithTheOtpFormAndGetsIn() throws Exception {
        assertSignsInWithPasswordAndOtp("alice", ALICE_TOTP);
    }

    @Test
    @Order(4)
    void aWrongOneTimeCodeDoesNotGetIn() throws Exception {
        BrowserSession alice = browser();
        BrowserSession.Page otp = passwordStep(alice, "alice", "portal");
        BrowserSession.Page after = alice.submit(otp, "#kc-otp-login-form", Map.of("otp", "000000".equals(
                Totp.code(ALICE_TOTP, Instant.now())) ? "111111" : "000000"));
        assertThat(after.signedIn()).isFalse();
        assertThat(after.has("#kc-otp-login-form")).as("asked again").isTrue();
    }

    @Test
    @Order(5)
    void aBlockedSignInShowsWhatEntrasBlockPageShowsAndLeavesNoSession() throws Exception {
        BrowserSession.Page page = passwordStep(browser(), "eve", "finance");
        BlockPage block = BlockPage.of(page);
        assertThat(block.application()).isEqualTo("finance");
        assertThat(block.time()).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
        BlockPage.namesNoPolicy(page, "Contractors may not use finance");
        assertThat(realm.realm().users().get(eveId).getUserSessions()).isEmpty();
        eventually("the ids on the page find the block in the sign-in log, with the policy",
                () -> controlPlane.logsABlockBy(block, "Contractors may not use finance"));
    }

    @Test
    @Order(6)
    void aPilotUserWithNothingRegisteredIsAskedForMoreInformationRegistersTotpAndGetsIn() throws Exception {
        BrowserSession frank = browser();
        BrowserSession.Page interrupt = passwordStep(frank, "frank", "portal");
        assertThat(interrupt.text()).contains("More information required", "Authenticator app");
        BrowserSession.Page setup = frank.submit(interrupt, "#portcullis-register-form", Map.of("method", "totp"));
        assertThat(setup.has("#kc-totp-settings-form")).as("Keycloak's TOTP set-up: " + setup.text()).isTrue();
        String secret = setup.document().selectFirst("input[name=totpSecret]").attr("value");
        BrowserSession.Page done = frank.submit(setup, "#kc-totp-settings-form", Map.of(
                "totp", Totp.code(secret.getBytes(StandardCharsets.US_ASCII), Instant.now()), "userLabel", "phone"));
        assertThat(done.signedIn()).as(done.text()).isTrue();
    }

    @Test
    @Order(7)
    void thePasswordGrantIsLegacyAuthenticationAndIsBlockedWhileTheBrowserWorks() throws Exception {
        HttpResponse<String> grant = passwordGrant("dave");
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(jsonString(grant.body(), "error")).isEqualTo("access_denied");
        String description = jsonString(grant.body(), "error_description");
        assertThat(description).doesNotContain("Block legacy authentication");
        BlockPage quoted = BlockPage.quotedIn(description, "portal");
        eventually("the quoted ids find the policy in the sign-in log",
                () -> controlPlane.logsABlockBy(quoted, "Block legacy authentication"));
        assertThat(signsInStraightAway("dave")).isTrue();
    }

    @Test
    @Order(8)
    void aReportOnlyPolicyChangesNothingButItsResultIsRecorded() throws Exception {
        int before = controlPlane.received().size();
        assertThat(signsInStraightAway("dave")).as("report-only never blocks").isTrue();
        eventually("the sign-in record arrives", () -> controlPlane.received().size() > before);
        List<SignInRecord> records = new ArrayList<>(controlPlane.received().subList(before, controlPlane.received().size()));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.decision()).isEqualTo("allow");
            assertThat(r.policyOutcomes()).anySatisfy(o -> {
                assertThat(o.policyId()).isEqualTo("p-dark-mode");
                assertThat(o.result()).isEqualTo(PolicyOutcome.Result.REPORT_ONLY_FAILURE);
            });
        });
    }

    /** Snapshot 2: the signal policies and the device inventory an MDM reported. */
    private static PolicySnapshot signalsSnapshot(long version, List<ConditionalAccessPolicy> extra) {
        return signalsSnapshot(version, extra, true);
    }

    private static PolicySnapshot signalsSnapshot(long version, List<ConditionalAccessPolicy> extra,
            boolean lenasLaptopCompliant) {
        List<ConditionalAccessPolicy> policies = new ArrayList<>(rolloutV1());
        policies.add(policy("p-high-risk", "Block high-risk sign-ins", PolicyState.ENABLED,
                Conditions.of(UsersCondition.all().excludingUsers("breakglass"), ApplicationsCondition.all())
                        .withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, java.util.Set.of(RiskLevel.HIGH))),
                GrantControls.block()));
        policies.add(policy("p-finance-device", "Finance: compliant device or MFA", PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups("/finance"), ApplicationsCondition.apps("finance")),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE)));
        policies.add(policy("p-vault-keys", "Vault: phishing-resistant MFA", PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups("/keys"), ApplicationsCondition.apps("vault")),
                GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID)));
        policies.addAll(extra);
        Instant now = Instant.now();
        DeviceInventory devices = new DeviceInventory(List.of(
                new Device("dev-lena", "Lena's laptop", Optional.of("lena"), Optional.of(DevicePlatform.WINDOWS),
                        lenasLaptopCompliant, true, "AzureAD", "company", now.minus(Duration.ofHours(1))),
                new Device("dev-old", "Old laptop", Optional.of("lena"), Optional.of(DevicePlatform.WINDOWS),
                        false, true, "AzureAD", "company", now.minus(Duration.ofHours(1)))), Duration.ofDays(30));
        return new PolicySnapshot(EPOCH, version, now, PolicySet.of(policies, List.of()), devices, Map.of());
    }

    private BrowserSession.Page financeLogin(String user, String clientIp, X509Certificate cert)
            throws Exception {
        BrowserSession browser = browser().withHeader("X-Forwarded-For", clientIp);
        if (cert != null) {
            browser.withHeader("Client-Cert", clientCertHeader(cert));
        }
        return passwordStep(browser, user, "finance");
    }

    @Test
    @Order(9)
    void theLowRiskSignInACompliantLaptopInTheOfficeGetsNoPrompt() throws Exception {
        controlPlane.publish(signalsSnapshot(2, List.of()));
        eventually("snapshot 2 is enforced", () -> {
            try {
                return financeLogin("lena", "10.20.1.5", deviceCa.device("dev-lena")).signedIn();
            } catch (Exception e) {
                return false;
            }
        });
        SignInRecord record = lastRecordOf("lena");
        assertThat(record.country()).contains("DE");
        assertThat(record.ipAddress()).contains("10.20.1.5");
        assertThat(record.signInRisk()).isEqualTo(RiskLevel.NONE);
        String lenaId = realm.realm().users().search("lena", true).get(0).getId();
        assertThat(realm.realm().users().get(lenaId).toRepresentation().getAttributes().get("portcullis.signInHistory"))
                .as("the allowed sign-in joined her history").hasSize(21);
    }

    @Test
    @Order(10)
    void withoutProofOfACompliantDeviceTheSameUserIsAskedForMfa() throws Exception {
        TestPki attacker = new TestPki("Attacker CA");
        assertThat(financeLogin("lena", "10.20.1.5", null).has("#kc-otp-login-form")).as("no certificate").isTrue();
        assertThat(financeLogin("lena", "10.20.1.5", deviceCa.device("dev-old")).has("#kc-otp-login-form"))
                .as("a known but non-compliant device").isTrue();
        assertThat(financeLogin("lena", "10.20.1.5", deviceCa.device("dev-never-enrolled")).has("#kc-otp-login-form"))
                .as("a device the inventory does not know").isTrue();
        assertThat(financeLogin("lena", "10.20.1.5", attacker.device("dev-lena")).has("#kc-otp-login-form"))
                .as("a forged certificate claiming Lena's laptop").isTrue();
    }

    /**
     * Step-up on an SSO login: a session from the portal (no policy asked anything) opens finance,
     * which needs MFA here; Keycloak's cookie carries the password, so only the OTP is asked, and the
     * session then remembers the MFA for the next SSO login to finance.
     */
    @Test
    @Order(11)
    void anSsoLoginToAnAppThatNeedsMfaAsksForTheOtpAloneAndTheSessionThenRemembersIt() throws Exception {
        BrowserSession browser = browser().withHeader("X-Forwarded-For", "10.20.1.5");
        BrowserSession.Page portal = passwordStep(browser, "lena", "portal");
        assertThat(portal.signedIn()).as("the portal asks nothing of lena: " + portal.text()).isTrue();

        BrowserSession.Page finance = browser.openLogin(REALM, "finance", PORTAL_REDIRECT);
        assertThat(finance.has("#kc-form-login")).as("the password again: " + finance.text()).isFalse();
        assertThat(finance.signedIn()).as("finance on the portal's password alone").isFalse();
        assertThat(enterOtp(browser, finance, LENA_TOTP).signedIn()).isTrue();

        BrowserSession.Page again = browser.openLogin(REALM, "finance", PORTAL_REDIRECT);
        assertThat(again.signedIn()).as("the session proved MFA: no prompt: " + again.text()).isTrue();
        BrowserSession.Page elsewhere = browser().withHeader("X-Forwarded-For", "10.20.1.5")
                .openLogin(REALM, "finance", PORTAL_REDIRECT);
        assertThat(elsewhere.has("#kc-form-login")).as("another browser has no session").isTrue();
    }

    /**
     * Recovery codes as the backup method: a user who set up only Keycloak's recovery codes meets
     * finance's MFA with one, each code works once, and a spent code gets nowhere.
     */
    @Test
    @Order(12)
    void recoveryCodesAreABackupMethodInTheStepUpAndEachWorksOnce() throws Exception {
        String finance = realm.realm().getGroupByPath("/finance").getId();
        String ritaId = realm.user("rita", PASSWORD, null, finance);
        var rita = realm.realm().users().get(ritaId);
        var rep = rita.toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_RECOVERY_AUTHN_CODES"));
        rita.update(rep);
        BrowserSession browser = browser().withHeader("X-Forwarded-For", "10.20.1.5");
        BrowserSession.Page setUp = passwordStep(browser, "rita", "portal");
        assertThat(setUp.has("#kc-recovery-codes-settings-form")).as(setUp.text()).isTrue();
        List<String> codes = List.of(setUp.document().selectFirst("input[name=generatedRecoveryAuthnCodes]")
                .attr("value").split(","));
        assertThat(browser.submit(setUp, "#kc-recovery-codes-settings-form", Map.of()).signedIn()).isTrue();
        assertThat(rita.credentials()).anyMatch(c -> c.getType().equals("recovery-authn-codes"));

        BrowserSession financeBrowser = browser();
        BrowserSession.Page asked = passwordStep(financeBrowser, "rita", "finance");
        int first = recoveryCodeNumber(asked);
        BrowserSession.Page in = financeBrowser.submit(asked, "#kc-recovery-code-login-form",
                Map.of("recoveryCodeInput", codes.get(first - 1)));
        assertThat(in.signedIn()).as("a valid code: " + in.text()).isTrue();
        // The next login asks for the next code, and the spent one is refused.
        BrowserSession another = browser();
        BrowserSession.Page next = passwordStep(another, "rita", "finance");
        assertThat(recoveryCodeNumber(next)).isEqualTo(first + 1);
        BrowserSession.Page spent = another.submit(next, "#kc-recovery-code-login-form",
                Map.of("recoveryCodeInput", codes.get(first - 1)));
        assertThat(spent.signedIn()).as("a spent code").isFalse();
        eventually("the allowed finance sign-in is in the sign-in log", () -> controlPlane.received().stream()
                .anyMatch(r -> r.userId().equals(ritaId) && r.decision().equals("allow")
                        && r.target().equals("finance")));
    }

    /** Which of the codes Keycloak's recovery code form asks for ("Recovery code #3"). */
    private static int recoveryCodeNumber(BrowserSession.Page page) {
        assertThat(page.has("#kc-recovery-code-login-form")).as("the recovery code form: " + page.text()).isTrue();
        var number = java.util.regex.Pattern.compile("Recovery code #(\\d+)").matcher(page.text());
        assertThat(number.find()).as(page.text()).isTrue();
        return Integer.parseInt(number.group(1));
    }

    /**
     * The token path of the device signal: a session that got in on a compliant laptop keeps
     * refreshing only while the MDM says it is compliant. (The finance client is confidential, so the
     * device noted at login is looked up again in the inventory, not a certificate of its server.)
     */
    @Test
    @Order(13)
    void aDeviceThatStopsBeingCompliantStopsTheNextRefreshAndEndsThatSession() throws Exception {
        BrowserSession.Page page = financeLogin("lena", "10.20.1.5", deviceCa.device("dev-lena"));
        assertThat(page.signedIn()).as("a compliant laptop, no prompt: " + page.text()).isTrue();
        String code = page.returnedToApp().orElseThrow().getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        HttpResponse<String> tokens = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", PORTAL_REDIRECT));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        HttpResponse<String> refreshed = tokenRequest(Map.of("grant_type", "refresh_token",
                "refresh_token", jsonString(tokens.body(), "refresh_token")));
        assertThat(refreshed.statusCode()).as("still compliant: " + refreshed.body()).isEqualTo(200);
        String sessionId = jsonString(refreshed.body(), "session_state");
        String lenaId = realm.realm().users().search("lena", true).get(0).getId();
        assertThat(realm.realm().users().get(lenaId).getUserSessions()).anyMatch(s -> s.getId().equals(sessionId));

        controlPlane.publish(signalsSnapshot(3, List.of(), false));
        eventually("the node knows the laptop is no longer compliant", () -> {
            try {
                return financeLogin("lena", "10.20.1.5", deviceCa.device("dev-lena")).has("#kc-otp-login-form");
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> refused = tokenRequest(Map.of("grant_type", "refresh_token",
                "refresh_token", jsonString(refreshed.body(), "refresh_token")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(jsonString(refused.body(), "error")).isEqualTo("invalid_grant");
        String description = jsonString(refused.body(), "error_description");
        assertThat(description).startsWith("Conditional Access refused this refresh_token request for finance");
        BlockPage quoted = BlockPage.quotedIn(description, "finance");
        assertThat(refused.body()).doesNotContain("access_token");
        assertThat(realm.realm().users().get(lenaId).getUserSessions()).as("that session is ended")
                .noneMatch(s -> s.getId().equals(sessionId));
        eventually("the refusal is in the sign-in log under the quoted ids", () -> controlPlane.received().stream()
                .anyMatch(r -> r.id().equals(quoted.requestId()) && r.userId().equals(lenaId)
                        && r.decisionDetails().stream().anyMatch(d -> d.startsWith("token request refused: refresh_token"))));

        controlPlane.publish(signalsSnapshot(4, List.of())); // compliant again, for the tests that follow
        eventually("the laptop is compliant again", () -> {
            try {
                return financeLogin("lena", "10.20.1.5", deviceCa.device("dev-lena")).signedIn();
            } catch (Exception e) {
                return false;
            }
        });
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(form);
        all.put("client_id", "finance");
        all.put("client_secret", "finance-secret");
        String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/" + REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "10.20.1.5")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The snapshot the node enforces, as its provider reports it in the admin console's server info. */
    private long snapshotVersionOnTheNode() {
        return Long.parseLong(admin.serverInfo().getInfo().getProviders().get("portcullis").getProviders().get("default")
                .getOperationalInfo().get("snapshotVersion"));
    }

    private static String jsonString(String json, String field) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path(field).asText();
    }

    @Test
    @Order(14)
    void theHighRiskSignInAnUnfamiliarCountryAtThreeAmIsBlockedAndTheReasonsAreLogged() throws Exception {
        BrowserSession.Page page = financeLogin("max", "203.0.113.50", null);
        BlockPage block = BlockPage.of(page);
        BlockPage.namesNoPolicy(page, "Block high-risk sign-ins");
        eventually("the block page's ids find the policy in the sign-in log",
                () -> controlPlane.logsABlockBy(block, "Block high-risk sign-ins"));
        SignInRecord record = lastRecordOf("max");
        assertThat(record.decision()).isEqualTo("block");
        assertThat(record.signInRisk()).isEqualTo(RiskLevel.HIGH);
        assertThat(record.country()).contains("BR");
        assertThat(record.riskReasons()).anySatisfy(r -> assertThat(r).startsWith("unfamiliarCountry"))
                .anySatisfy(r -> assertThat(r).startsWith("unusualHours"));
        assertThat(realm.realm().users().get(maxId).getUserSessions()).isEmpty();
    }

    private SignInRecord lastRecordOf(String username) throws InterruptedException {
        String id = realm.realm().users().search(username, true).get(0).getId();
        eventually("a sign-in record of " + username, () -> controlPlane.received().stream().anyMatch(r -> r.userId().equals(id)));
        List<SignInRecord> mine = controlPlane.received().stream().filter(r -> r.userId().equals(id)).toList();
        return mine.get(mine.size() - 1);
    }

    @Test
    @Order(15)
    void aPhishingResistantAppMakesAUserRegisterAPasskeyInTheBrowserAndThenSignInWithIt() throws Exception {
        Chromium.requireBrowser();
        Path profile = Files.createTempDirectory("portcullis-chromium");
        ChromeDriver chrome = Chromium.start(profile);
        try {
            Chromium.passkeyAuthenticator(chrome);
            String login = keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=vault"
                    + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(vaultRedirect(), StandardCharsets.UTF_8);
            var wait = new WebDriverWait(chrome, Duration.ofSeconds(30));

            // 1. Password, then "More information required": only a passkey or security key will do.
            chrome.get(login);
            signInWithPassword(chrome, wait);
            wait.until(d -> d.getPageSource().contains("More information required"));
            screenshot(chrome, "passkey-1-more-information-required");
            assertThat(chrome.findElement(By.id("method-passkey")).isSelected()).isTrue();
            chrome.findElement(By.id("portcullis-next")).click();

            // 2. Keycloak's own passkey registration, with Chromium's virtual authenticator.
            wait.until(d -> !d.findElements(By.id("registerWebAuthn")).isEmpty());
            screenshot(chrome, "passkey-2-register");
            Thread.sleep(1000); // the page's script must be ready before the click does anything
            chrome.findElement(By.id("registerWebAuthn")).click();
            acceptLabelPromptIfAny(chrome);
            wait.until(d -> d.getCurrentUrl().contains("code="));

            // 3. A new sign-in: the password, then the passkey as the phishing-resistant step-up.
            chrome.manage().deleteAllCookies();
            chrome.get(login);
            signInWithPassword(chrome, wait);
            wait.until(d -> !d.findElements(By.id("authenticateWebAuthnButton")).isEmpty());
            screenshot(chrome, "passkey-3-step-up");
            Thread.sleep(1000);
            chrome.findElement(By.id("authenticateWebAuthnButton")).click();
            wait.until(d -> d.getCurrentUrl().contains("code="));
            screenshot(chrome, "passkey-4-signed-in");
        } finally {
            chrome.quit();
        }
        String paulaId = realm.realm().users().search("paula", true).get(0).getId();
        assertThat(realm.realm().users().get(paulaId).credentials())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("webauthn-passwordless"));
    }

    private static void signInWithPassword(WebDriver chrome,
            WebDriverWait wait) {
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        chrome.findElement(By.id("username")).sendKeys("paula");
        chrome.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
    }

    private static void acceptLabelPromptIfAny(WebDriver chrome) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            try {
                chrome.switchTo().alert().accept();
                return;
            } catch (NoAlertPresentException notYet) {
                if (chrome.getCurrentUrl().contains("code=")) {
                    return;
                }
                Thread.sleep(250);
            }
        }
    }

    private static void screenshot(ChromeDriver chrome, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(16)
    void aNewSnapshotChangesBehaviourWithoutARestart() throws Exception {
        List<ConditionalAccessPolicy> v2 = new ArrayList<>();
        v2.add(policy("p-staff-block", "Staff are locked out for maintenance", PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups("/staff"), ApplicationsCondition.all()), GrantControls.block()));
        controlPlane.publish(signalsSnapshot(5, v2));
        eventually("dave is blocked under snapshot 5", () -> !signsInStraightAway("dave"));
        BlockPage block = BlockPage.of(passwordStep(browser(), "dave", "portal"));
        eventually("the block page's ids find snapshot 5's policy in the sign-in log",
                () -> controlPlane.logsABlockBy(block, "Staff are locked out for maintenance"));
    }

    @Test
    @Order(17)
    void withTheControlPlaneDownTheNodeKeepsEnforcingTheLastKnownGoodSnapshotAlsoAfterARestart() throws Exception {
        // No sign-in log while the control plane is down: the node's snapshot version says which policies hold.
        controlPlane.stop();
        Thread.sleep(1000);
        BlockPage.of(passwordStep(browser(), "dave", "portal"));
        assertThat(snapshotVersionOnTheNode()).isEqualTo(5);

        keycloak.stop();
        keycloak.start(options, serverOptions); // the control plane is still down: only the copy on disk is left
        BlockPage.of(passwordStep(browser(), "dave", "portal"));
        assertThat(snapshotVersionOnTheNode()).as("snapshot 5, from the copy on disk").isEqualTo(5);
        BrowserSession bob = browser();
        assertThat(passwordStep(bob, "bob", "portal").signedIn()).as("not the fail-secure default").isTrue();
    }
}
