package dev.portcullis.adapters.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.authenticator.TemporaryAccessPassAuthenticatorFactory;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.tap.PassVerifier;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The travel day in a real Keycloak 26.7.3: Tom lost the phone with his authenticator, the helpdesk
 * issued him a one-time temporary access pass (here published as the control plane publishes it:
 * its verifier in the signed snapshot; the issuing API is adapters-rest's). At the MFA prompt he
 * signs in another way, types the pass, is made to set up a new authenticator, and only then gets
 * in. The pass never signs anyone in by itself; a used, wrong or expired pass gets one error and no session.
 * A newcomer with nothing registered, whom registering asks for MFA, onboards with a pass and only with one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporaryAccessPassIT {

    static final String REALM = "portcullis-tap-it";
    static final String REDIRECT = "https://portal.example.test/callback";
    static final String PASSWORD = "correct horse battery staple";
    static final String TOM_PASS = "Kq7cM4xzP2wR9tHn6bVe";
    static final String UMA_PASS = "Zr5tYu8wPq3mNb6vXc2a";
    static final String VAL_PASS = "Hj4kLm7nPq9rSt2uVw5x";
    static final String NORA_PASS = "Bc3dFg6hJk8mNp2qRs4t";

    private KeycloakStack stack;
    private RealmSetup realm;
    private String tomId;
    private String umaId;
    private String valId;
    private String noraId;
    private String nedId;
    private String passExecution;

    @BeforeAll
    void start() throws Exception {
        stack = new KeycloakStack();
        ControlPlaneStandIn controlPlane = stack.controlPlane;
        Path cache = stack.beside("portcullis-tap-it-cache");
        Files.deleteIfExists(cache.resolve("last-known-good-snapshot.jws"));
        realm = stack.start(Map.of("control-plane-url", controlPlane.url(), "cache-dir", cache.toString(),
                "snapshot-public-key-file", controlPlane.writePublicKey(cache.resolveSibling("tap-it-snapshot-key.pem")).toString(),
                "refresh-interval-millis", "300", "request-timeout-millis", "1000"), List.of(), REALM);
        realm.client("portal", false, REDIRECT);
        String travellers = realm.group("travellers");
        tomId = realm.user("tom", PASSWORD, "tom-lost-phone-secret".getBytes(StandardCharsets.US_ASCII), travellers);
        umaId = realm.user("uma", PASSWORD, "uma-lost-phone-secret".getBytes(StandardCharsets.US_ASCII), travellers);
        valId = realm.user("val", PASSWORD, "val-lost-phone-secret".getBytes(StandardCharsets.US_ASCII), travellers);
        // First day at work, nothing registered: Nora was given a pass, Ned was not.
        String newcomers = realm.group("newcomers");
        noraId = realm.user("nora", PASSWORD, null, newcomers);
        nedId = realm.user("ned", PASSWORD, null, newcomers);
        passExecution = realm.realm().flows().getExecutions(RealmProvisioner.BROWSER_FLOW).stream()
                .filter(e -> TemporaryAccessPassAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()))
                .findFirst().orElseThrow(() -> new AssertionError("the MFA step-up offers no temporary access pass"))
                .getId();

        Instant now = Instant.now();
        SecureRandom random = new SecureRandom();
        Map<String, TemporaryAccessPass> passes = Map.of(
                tomId, new TemporaryAccessPass("tap-tom", tomId, now, now.minusSeconds(60), 60, true,
                        Optional.of(PassVerifier.of(TOM_PASS, random))),
                umaId, new TemporaryAccessPass("tap-uma", umaId, now, now.minusSeconds(60), 480, false,
                        Optional.of(PassVerifier.of(UMA_PASS, random))),
                // Issued for an hour, two hours ago: the snapshot still lists it until its next version.
                valId, new TemporaryAccessPass("tap-val", valId, now, now.minus(Duration.ofHours(2)), 60, false,
                        Optional.of(PassVerifier.of(VAL_PASS, random))),
                noraId, new TemporaryAccessPass("tap-nora", noraId, now, now.minusSeconds(60), 480, true,
                        Optional.of(PassVerifier.of(NORA_PASS, random))));
        ConditionalAccessPolicy mfa = new ConditionalAccessPolicy("p-travel-mfa", "Require MFA for travellers",
                PolicyState.ENABLED, Conditions.of(UsersCondition.groups("/travellers"), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        // Entra's "Require MFA to register security info", for the newcomers: a password alone enrols nothing.
        ConditionalAccessPolicy newcomersMfa = new ConditionalAccessPolicy("p-newcomers-mfa", "Require MFA for newcomers",
                PolicyState.ENABLED, Conditions.of(UsersCondition.groups("/newcomers"), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        ConditionalAccessPolicy registerWithMfa = new ConditionalAccessPolicy("p-register-mfa",
                "Require MFA to register security info", PolicyState.ENABLED, Conditions.of(
                        UsersCondition.groups("/newcomers"), ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO)),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        controlPlane.publish(new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, 1, now,
                PolicySet.of(List.of(mfa, newcomersMfa, registerWithMfa), List.of()), DeviceInventory.empty(), Map.of(),
                passes));
        controlPlane.start();
        ConditionalAccessInKeycloakIT.eventually("the node enforces the snapshot with the passes",
                () -> controlPlane.notModifiedResponses() > 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private BrowserSession browser() {
        return new BrowserSession(stack.keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
    }

    /** Password, then at the authenticator-code prompt "Try another way", then the temporary access pass. */
    private BrowserSession.Page passPrompt(BrowserSession browser, String user) throws Exception {
        BrowserSession.Page login = browser.openLogin(REALM, "portal", REDIRECT);
        BrowserSession.Page otp = browser.login(login, user, PASSWORD);
        assertThat(otp.has("#kc-otp-login-form")).as("the MFA prompt: " + otp.text()).isTrue();
        BrowserSession.Page choices = browser.submit(otp, "#kc-select-try-another-way-form", Map.of());
        assertThat(choices.text()).as("the other ways").contains("Temporary Access Pass");
        BrowserSession.Page prompt = browser.submit(choices, "#kc-select-credential-form",
                Map.of("authenticationExecution", passExecution));
        assertThat(prompt.has("#portcullis-tap-form")).as("the pass prompt: " + prompt.text()).isTrue();
        return prompt;
    }

    private BrowserSession.Page typePass(BrowserSession browser, BrowserSession.Page prompt, String pass) throws Exception {
        return browser.submit(prompt, "#portcullis-tap-form", Map.of("temporaryAccessPass", pass));
    }

    private int sessions(String userId) {
        return realm.realm().users().get(userId).getUserSessions().size();
    }

    private long authenticators(String userId) {
        return realm.realm().users().get(userId).credentials().stream().filter(c -> "otp".equals(c.getType())).count();
    }

    /**
     * Onboarding: a newcomer with nothing registered, whom registering asks for MFA, gets in only
     * with a pass: the password leads straight to the pass (there is no other way to offer), then to
     * setting up an authenticator app, then in. Without a pass the same sign-in is blocked, saying why.
     */
    @Test
    @Order(6)
    void aNewcomerWithNothingRegisteredOnboardsWithAPassAndOnlyWithOne() throws Exception {
        BrowserSession ned = browser();
        BrowserSession.Page blocked = ned.login(ned.openLogin(REALM, "portal", REDIRECT), "ned", PASSWORD);
        assertThat(blocked.signedIn()).isFalse();
        assertThat(blocked.has("#portcullis-blocked")).as("no pass, no way to register: " + blocked.text()).isTrue();
        assertThat(sessions(nedId)).isZero();

        BrowserSession nora = browser();
        BrowserSession.Page prompt = nora.login(nora.openLogin(REALM, "portal", REDIRECT), "nora", PASSWORD);
        assertThat(prompt.has("#portcullis-tap-form")).as("the pass, the only way in: " + prompt.text()).isTrue();
        BrowserSession.Page setup = typePass(nora, prompt, NORA_PASS);
        assertThat(setup.has("#kc-totp-settings-form")).as("Keycloak's authenticator set-up: " + setup.text()).isTrue();
        assertThat(sessions(noraId)).as("a pass alone signs no one in").isZero();
        String secret = setup.document().selectFirst("input[name=totpSecret]").attr("value");
        BrowserSession.Page done = nora.submit(setup, "#kc-totp-settings-form", Map.of(
                "totp", Totp.code(secret.getBytes(StandardCharsets.US_ASCII), Instant.now()), "userLabel", "first phone"));
        assertThat(done.signedIn()).as(done.text()).isTrue();
        assertThat(sessions(noraId)).isEqualTo(1);
        assertThat(authenticators(noraId)).isEqualTo(1);
    }

    /** The pass was refused as Keycloak refuses a wrong code: the prompt again, one error, no session. */
    private void refused(BrowserSession.Page page, String userId) {
        assertThat(page.signedIn()).isFalse();
        assertThat(page.has("#portcullis-tap-form")).as(page.text()).isTrue();
        assertThat(page.text()).contains("Invalid Temporary Access Pass.");
        assertThat(sessions(userId)).isZero();
    }

    @Test
    @Order(1)
    void aValidPassLeadsOnlyToSettingUpANewAuthenticatorAndTheSignInEndsOnceItIsProved() throws Exception {
        BrowserSession tom = browser();
        BrowserSession.Page setup = typePass(tom, passPrompt(tom, "tom"), TOM_PASS);

        assertThat(setup.signedIn()).as("a pass alone signs no one in").isFalse();
        assertThat(setup.has("#kc-totp-settings-form")).as("Keycloak's authenticator set-up: " + setup.text()).isTrue();
        assertThat(sessions(tomId)).isZero();
        String secret = setup.document().selectFirst("input[name=totpSecret]").attr("value");
        BrowserSession.Page done = tom.submit(setup, "#kc-totp-settings-form", Map.of(
                "totp", Totp.code(secret.getBytes(StandardCharsets.US_ASCII), Instant.now()), "userLabel", "new phone"));

        assertThat(done.signedIn()).as(done.text()).isTrue();
        assertThat(sessions(tomId)).isEqualTo(1);
        assertThat(authenticators(tomId)).as("the lost authenticator and the new one").isEqualTo(2);
        ConditionalAccessInKeycloakIT.eventually("the sign-in log (and so the audit log) learns of the pass's use",
                () -> stack.controlPlane.received().stream().anyMatch(r -> r.userId().equals(tomId)
                        && TemporaryAccessPass.usedIn(r.decisionDetails()).contains("tap-tom")));
    }

    @Test
    @Order(2)
    void aOneTimePassIsRefusedTheSecondTime() throws Exception {
        realm.realm().users().get(tomId).logout();
        BrowserSession again = browser();
        refused(typePass(again, passPrompt(again, "tom"), TOM_PASS), tomId);
    }

    @Test
    @Order(3)
    void aWrongPassIsRefusedAndTheRightOneStillWorks() throws Exception {
        BrowserSession uma = browser();
        BrowserSession.Page prompt = passPrompt(uma, "uma");
        BrowserSession.Page wrong = typePass(uma, prompt, TOM_PASS);
        refused(wrong, umaId);
        BrowserSession.Page setup = typePass(uma, wrong, UMA_PASS);
        assertThat(setup.has("#kc-totp-settings-form")).as("a pass for many uses, typed right: " + setup.text()).isTrue();
        assertThat(sessions(umaId)).isZero();
    }

    @Test
    @Order(4)
    void anExpiredPassIsRefusedAlike() throws Exception {
        BrowserSession val = browser();
        refused(typePass(val, passPrompt(val, "val"), VAL_PASS), valId);
        ConditionalAccessInKeycloakIT.eventually("the sign-in log learns of the refused pass", () -> stack.controlPlane
                .received().stream().anyMatch(r -> r.userId().equals(valId)
                        && r.decisionDetails().contains("refused: a temporary access pass")));
    }

    @Test
    @Order(5)
    void keycloaksLogNamesThePassesUseButNeverAPass() throws Exception {
        String log = stack.keycloak.logText();
        assertThat(log).contains("event=portcullis_temporary_access_pass_accepted", "method_id=tap-tom")
                .contains("event=portcullis_temporary_access_pass_refused")
                .doesNotContain(TOM_PASS, UMA_PASS, VAL_PASS);
    }
}
