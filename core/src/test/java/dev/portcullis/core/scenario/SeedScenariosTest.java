package dev.portcullis.core.scenario;

import static dev.portcullis.core.method.AuthenticationMethod.PASSKEY;
import static dev.portcullis.core.method.AuthenticationMethod.PASSWORD;
import static dev.portcullis.core.method.AuthenticationMethod.PUSH;
import static dev.portcullis.core.method.AuthenticationMethod.SECURITY_KEY;
import static dev.portcullis.core.method.AuthenticationMethod.TOTP;
import static dev.portcullis.core.scenario.SeedPolicies.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.evaluation.RegistrationGate;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test (or a small nest of them) per seed story of issue 3, against {@link SeedPolicies}. */
class SeedScenariosTest {

    private static final Evaluator SEED = Evaluator.of(SeedPolicies.policySet());
    private static final Instant NOON = officeTime(12, 0);

    private static Evaluation evaluate(SignIn signIn) {
        return SEED.evaluate(signIn);
    }

    private static Decision decide(SignIn signIn) {
        return SEED.evaluate(signIn).decision();
    }

    private static Decision.Block assertBlocked(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Block.class);
        return (Decision.Block) decision;
    }

    private static Decision.RequireControls assertRequires(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.RequireControls.class);
        return (Decision.RequireControls) decision;
    }

    private static List<String> blockingPolicies(Decision decision) {
        return assertBlocked(decision).reasons().stream().map(Decision.Reason::policyId).toList();
    }

    private static List<String> requiringPolicies(Decision decision) {
        return assertRequires(decision).authentication().stream()
                .map(Decision.AuthenticationRequirement::policyId).toList();
    }

    private static Result result(Evaluation evaluation, String policyId) {
        return evaluation.outcome(policyId).orElseThrow().result();
    }

    @Test
    void theSeedSetIsValid() {
        assertThat(PolicySet.validate(SeedPolicies.policies(), SeedPolicies.namedLocations(), List.of())).isEmpty();
        assertThat(SeedPolicies.policies()).extracting(ConditionalAccessPolicy::id).doesNotHaveDuplicates();
    }

    @Nested
    class AccountantOnACompliantLaptopInTheOffice {

        @Test
        void isAllowedWithoutAPrompt() {
            Evaluation evaluation = evaluate(accountantInOffice(NOON).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(result(evaluation, MFA_OUTSIDE_OFFICE)).isEqualTo(Result.NOT_APPLIED);
            assertThat(evaluation.outcome(MFA_OUTSIDE_OFFICE).orElseThrow().reasons())
                    .singleElement().asString().startsWith("locations:");
            assertThat(result(evaluation, NIGHT_BLOCK)).isEqualTo(Result.NOT_APPLIED);
        }

        @Test
        void isAllowedOverIpv6Too() {
            assertThat(decide(accountantInOffice(NOON).ipAddress(OFFICE_IPV6).build())).isEqualTo(Decision.ALLOW);
        }

        @Test
        void isAllowedLateAtNightBecauseTheOfficeIsTrusted() {
            assertThat(decide(accountantInOffice(officeTime(3, 0)).build())).isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class SameAccountantOnAPersonalDeviceFromAnUnfamiliarCountryAt3Am {

        private SignIn.Builder abroad(Instant time) {
            return accountantInOffice(time).ipAddress(HOTEL_IP).country("BR").platform(DevicePlatform.ANDROID)
                    .device(personalPhone());
        }

        @Test
        void isBlockedByTheNightPolicy() {
            Decision.Block block = assertBlocked(decide(abroad(officeTime(3, 0)).build()));

            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo(NIGHT_BLOCK);
                assertThat(reason.policyName()).isEqualTo(SeedPolicies.nightBlock().displayName());
            });
        }

        @Test
        void inTheAfternoonOnlyNeedsMfa() {
            Decision decision = decide(abroad(officeTime(15, 0)).build());

            assertThat(requiringPolicies(decision)).containsExactly(MFA_OUTSIDE_OFFICE);
            assertThat(assertRequires(decision).strengths()).containsExactly(AuthenticationStrength.MFA);
        }

        @Test
        void onACompliantDeviceAt3AmOnlyNeedsMfa() {
            assertThat(requiringPolicies(decide(abroad(officeTime(3, 0)).device(compliantLaptop()).build())))
                    .containsExactly(MFA_OUTSIDE_OFFICE);
        }

        @Test
        void onAnUnknownDeviceAt3AmIsBlocked() {
            // No device source answered: the device filter matches (fail secure), so the night block applies.
            assertThat(blockingPolicies(decide(abroad(officeTime(3, 0)).device(DeviceState.UNKNOWN).build())))
                    .containsExactly(NIGHT_BLOCK);
        }
    }

    @Nested
    class BlockLegacyAuthentication {

        @ParameterizedTest
        @ValueSource(strings = {"EXCHANGE_ACTIVE_SYNC", "OTHER"})
        void blocksLegacyClients(ClientAppType legacy) {
            Decision decision = decide(signIn(STAFF, NOON).application(WIKI_APP).clientAppType(legacy).build());

            assertThat(blockingPolicies(decision)).containsExactly(BLOCK_LEGACY_AUTH);
            assertThat(assertBlocked(decision).reasons().get(0).policyName()).isEqualTo("Block legacy authentication");
        }

        @ParameterizedTest
        @ValueSource(strings = {"BROWSER", "MOBILE_APPS_AND_DESKTOP_CLIENTS"})
        void letsModernClientsThrough(ClientAppType modern) {
            Evaluation evaluation = evaluate(signIn(STAFF, NOON).application(WIKI_APP).clientAppType(modern).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(evaluation.outcome(BLOCK_LEGACY_AUTH).orElseThrow().reasons())
                    .containsExactly("clientAppTypes: the client app type is not targeted");
        }
    }

    @Nested
    class MfaForThePilotGroup {

        @Test
        void pilotMembersAreAskedForMfaWithWhatTheyRegistered() {
            SignIn signIn = pilotUser(NOON).application(WIKI_APP).build();
            Decision.RequireControls require = assertRequires(decide(signIn));

            assertThat(requiringPolicies(require)).containsExactly(MFA_PILOT);
            assertThat(require.strengths()).containsExactly(AuthenticationStrength.MFA);
            assertThat(require.singleStepOptions(signIn.methodsSatisfied(), signIn.registration().registered()))
                    .containsExactly(TOTP);
        }

        @Test
        void pilotMembersWhoDidMfaGetThrough() {
            assertThat(decide(pilotUser(NOON).application(WIKI_APP).satisfied(TOTP, NOON).build()))
                    .isEqualTo(Decision.ALLOW);
        }

        @Test
        void everyoneElseIsNotPromptedYet() {
            Evaluation evaluation = evaluate(signIn(STAFF, NOON).application(WIKI_APP).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(evaluation.outcome(MFA_PILOT).orElseThrow().reasons())
                    .containsExactly("users: user is not included");
        }

        @Test
        void theBreakGlassAccountIsExcludedAndOnlyNeedsPhishingResistantMfa() {
            Evaluation evaluation = evaluate(breakGlass(NOON).application(WIKI_APP).build());

            assertThat(result(evaluation, MFA_PILOT)).isEqualTo(Result.NOT_APPLIED);
            assertThat(evaluation.outcome(MFA_PILOT).orElseThrow().reasons()).containsExactly("users: user is excluded");
            Decision.RequireControls require = assertRequires(evaluation.decision());
            assertThat(requiringPolicies(require)).containsExactly(BREAK_GLASS_PHISHING_RESISTANT);
            assertThat(require.strengths()).containsExactly(AuthenticationStrength.PHISHING_RESISTANT_MFA);
            assertThat(require.singleStepOptions(Set.of(PASSWORD), Set.of(PASSWORD, PASSKEY))).containsExactly(PASSKEY);

            assertThat(decide(breakGlass(NOON).application(WIKI_APP).satisfied(PASSKEY, NOON).build()))
                    .isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class AdminsOnTheAdminPortals {

        private SignIn.Builder atConsole(DeviceState device) {
            return admin(NOON).target(Target.adminPortal(ADMIN_CONSOLE)).ipAddress(OFFICE_IPV4).device(device);
        }

        @Test
        void compliantDeviceAndMfaGetIn() {
            assertThat(decide(atConsole(compliantLaptop()).satisfied(TOTP, NOON).build())).isEqualTo(Decision.ALLOW);
        }

        @Test
        void compliantDeviceWithoutMfaIsPromptedOnceForMfa() {
            Decision.RequireControls require = assertRequires(decide(atConsole(compliantLaptop()).build()));

            assertThat(requiringPolicies(require)).containsExactly(ADMIN_PORTALS, MFA_ADMINS);
            assertThat(require.strengths()).containsExactly(AuthenticationStrength.MFA);
            assertThat(require.singleStepOptions(Set.of(PASSWORD), Set.of(PASSWORD, TOTP, SECURITY_KEY)))
                    .containsExactlyInAnyOrder(TOTP, SECURITY_KEY);
        }

        @Test
        void mfaOnAPersonalDeviceIsBlocked() {
            Decision.Block block = assertBlocked(decide(atConsole(personalPhone()).satisfied(TOTP, NOON).build()));

            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo(ADMIN_PORTALS);
                assertThat(reason.message()).contains("compliant device").contains("not compliant");
            });
        }

        @Test
        void anUnknownDeviceIsNeverTakenForCompliant() {
            Decision.Block block = assertBlocked(decide(atConsole(DeviceState.UNKNOWN).satisfied(TOTP, NOON).build()));

            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo(ADMIN_PORTALS);
                assertThat(reason.message()).contains("unknown");
            });
        }

        @Test
        void otherAppsNeedMfaButNoCompliantDevice() {
            Decision decision = decide(admin(NOON).application(WIKI_APP).device(personalPhone()).build());

            assertThat(requiringPolicies(decision)).containsExactly(MFA_ADMINS);
        }

        @Test
        void nonAdminsOnTheConsoleAreNotTargeted() {
            assertThat(decide(signIn(STAFF, NOON).target(Target.adminPortal(ADMIN_CONSOLE)).build()))
                    .isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class RequireMfaToRegisterSecurityInfo {

        /** A new employee registering their first method: nothing registered yet but the password. */
        private SignIn.Builder registering(String ip) {
            return pilotUser(NOON).registered(PASSWORD).target(Target.registerSecurityInfo()).ipAddress(ip);
        }

        @Test
        void registeringFromHomeNeedsMfa() {
            SignIn addingAnother = pilotUser(NOON).target(Target.registerSecurityInfo()).ipAddress(HOME_IP).build();
            assertThat(requiringPolicies(decide(addingAnother)))
                    .containsExactlyInAnyOrder(MFA_REGISTRATION, RegistrationGate.PROVE_BEFORE_ADDING);
            assertThat(decide(registering(HOME_IP).build())).as("a first method, from home, cannot be proven")
                    .isInstanceOf(Decision.Block.class);
        }

        @Test
        void registeringFromTheOfficeNeedsNothing() {
            Evaluation evaluation = evaluate(registering(OFFICE_IPV4).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(evaluation.outcome(MFA_REGISTRATION).orElseThrow().reasons())
                    .containsExactly("locations: location AllTrusted is excluded");
        }

        @Test
        void aUserWhoCanDoMfaProvesItBeforeAddingAMethodEvenFromTheOffice() {
            SignIn addingAKey = pilotUser(NOON).target(Target.registerSecurityInfo()).ipAddress(OFFICE_IPV4).build();

            assertThat(requiringPolicies(decide(addingAKey))).containsExactly(RegistrationGate.PROVE_BEFORE_ADDING);
            assertThat(decide(pilotUser(NOON).target(Target.registerSecurityInfo()).ipAddress(OFFICE_IPV4)
                    .satisfied(TOTP, NOON).build())).isEqualTo(Decision.ALLOW);
        }

        @Test
        void policiesOnAllApplicationsDoNotCoverTheUserAction() {
            // The pilot policy targets All applications: registering security info is a user action, not an app.
            Evaluation evaluation = evaluate(registering(OFFICE_IPV4).build());

            assertThat(result(evaluation, MFA_PILOT)).isEqualTo(Result.NOT_APPLIED);
        }
    }

    @Nested
    class TravelDay {

        private SignIn.Builder fromTheHotel(RiskLevel risk) {
            return signIn(STAFF, NOON).application(WIKI_APP).registered(PASSWORD, TOTP).ipAddress(HOTEL_IP)
                    .country("FR").signInRisk(risk);
        }

        @Test
        void aMediumRiskSignInFromTheHotelNeedsMfa() {
            Decision.RequireControls require = assertRequires(decide(fromTheHotel(RiskLevel.MEDIUM).build()));

            assertThat(requiringPolicies(require)).containsExactly(MFA_MEDIUM_RISK);
            assertThat(require.strengths()).containsExactly(AuthenticationStrength.MFA);
        }

        @Test
        void afterMfaTheRiskySignInGoesThrough() {
            assertThat(decide(fromTheHotel(RiskLevel.MEDIUM).satisfied(TOTP, NOON).build())).isEqualTo(Decision.ALLOW);
        }

        @Test
        void aLowRiskSignInIsNotChallenged() {
            assertThat(decide(fromTheHotel(RiskLevel.LOW).build())).isEqualTo(Decision.ALLOW);
        }

        @Test
        void aHighRiskSignInIsBlockedEvenAfterMfa() {
            assertThat(blockingPolicies(decide(fromTheHotel(RiskLevel.HIGH).satisfied(TOTP, NOON).build())))
                    .containsExactly(BLOCK_HIGH_RISK);
        }

        @Test
        void anUnknownRiskFailsSecure() {
            Evaluation evaluation = evaluate(fromTheHotel(RiskLevel.UNKNOWN).build());

            assertThat(blockingPolicies(evaluation.decision())).containsExactly(BLOCK_HIGH_RISK);
            assertThat(evaluation.outcome(BLOCK_HIGH_RISK).orElseThrow().reasons())
                    .anySatisfy(reason -> assertThat(reason).contains("unknown").contains("fail secure"));
        }
    }

    @Nested
    class NewEmployeeWithNothingRegistered {

        @Test
        void inTheOfficeIsSentToRegister() {
            Decision decision = decide(newEmployee(NOON).application(WIKI_APP).ipAddress(OFFICE_IPV4).build());

            assertThat(decision).isInstanceOf(Decision.RegistrationRequired.class);
            Decision.RegistrationRequired registration = (Decision.RegistrationRequired) decision;
            assertThat(registration.registrations()).singleElement().satisfies(r -> {
                assertThat(r.policyId()).isEqualTo(MFA_PILOT);
                assertThat(r.strength()).isEqualTo(AuthenticationStrength.MFA);
            });
            // Recovery codes are a backup, never the first method to register.
            assertThat(registration.options()).containsExactlyInAnyOrder(TOTP, SECURITY_KEY, PASSKEY, PUSH);
        }

        @Test
        void fromOutsideTheOfficeIsBlockedBecauseRegisteringNeedsMfaThere() {
            Decision.Block block = assertBlocked(
                    decide(newEmployee(NOON).application(WIKI_APP).ipAddress(HOME_IP).build()));

            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo(MFA_REGISTRATION);
                assertThat(reason.message()).startsWith("registering security info").contains("temporary access pass");
            });
        }

        @Test
        void goingStraightToRegistrationFromHomeIsBlockedToo() {
            assertThat(blockingPolicies(decide(newEmployee(NOON).target(Target.registerSecurityInfo())
                    .ipAddress(HOME_IP).build()))).containsExactly(MFA_REGISTRATION);
        }

        @Test
        void fromAnUnknownAddressIsBlockedBecauseUnknownIsNeverTrusted() {
            assertThat(blockingPolicies(decide(newEmployee(NOON).application(WIKI_APP).build())))
                    .containsExactly(MFA_REGISTRATION);
        }
    }

    @Nested
    class GeoBlock {

        @ParameterizedTest
        @ValueSource(strings = {"KP", "IR"})
        void blocksSelectedCountries(String country) {
            Decision decision = decide(signIn(STAFF, NOON).application(WIKI_APP).ipAddress(BLOCKED_COUNTRY_IP)
                    .country(country).build());

            assertThat(blockingPolicies(decision)).containsExactly(GEO_BLOCK);
            assertThat(assertBlocked(decision).reasons().get(0).policyName())
                    .isEqualTo("Block access from selected countries");
        }

        @Test
        void blocksEvenAfterMfaAndFromTheFinanceApp() {
            assertThat(blockingPolicies(decide(accountantInOffice(NOON).ipAddress(BLOCKED_COUNTRY_IP).country("KP")
                    .satisfied(TOTP, NOON).build()))).containsExactly(GEO_BLOCK);
        }

        @Test
        void otherCountriesAndUnknownCountriesAreNotBlocked() {
            assertThat(decide(signIn(STAFF, NOON).application(WIKI_APP).country("DE").build())).isEqualTo(Decision.ALLOW);
            // The location does not include unknown countries.
            assertThat(decide(signIn(STAFF, NOON).application(WIKI_APP).ipAddress(HOME_IP).build()))
                    .isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class MfaOnlyOutsideTheTrustedOfficeNetwork {

        @ParameterizedTest
        @ValueSource(strings = {OFFICE_IPV4, OFFICE_IPV6, "10.20.0.0", "10.20.255.255", "::ffff:10.20.1.15",
                "2001:db8:20::", "2001:db8:20:ffff:ffff:ffff:ffff:ffff"})
        void noPromptFromTheOffice(String ip) {
            assertThat(decide(accountantInOffice(NOON).ipAddress(ip).build())).isEqualTo(Decision.ALLOW);
        }

        @ParameterizedTest
        @ValueSource(strings = {HOME_IP, "10.21.0.0", "10.19.255.255", "2001:db8:21::", "2001:db8:1f:ffff::1"})
        void mfaFromAnywhereElse(String ip) {
            assertThat(requiringPolicies(decide(accountantInOffice(NOON).ipAddress(ip).build())))
                    .containsExactly(MFA_OUTSIDE_OFFICE);
        }

        @Test
        void anUnknownAddressIsNotTrusted() {
            assertThat(requiringPolicies(decide(accountantInOffice(NOON).ipAddress(Optional.empty()).build())))
                    .containsExactly(MFA_OUTSIDE_OFFICE);
        }

        @Test
        void appsOtherThanHrAndFinanceNeedNothingFromHome() {
            assertThat(decide(accountantInOffice(NOON).application(WIKI_APP).ipAddress(HOME_IP).build()))
                    .isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class SignInFrequency {

        private SignIn fromHomeWithTotpAgo(Duration ago) {
            return accountantInOffice(NOON).ipAddress(HOME_IP).satisfied(TOTP, NOON.minus(ago)).build();
        }

        @Test
        void aRecentMfaStillCounts() {
            assertThat(decide(fromHomeWithTotpAgo(Duration.ofHours(2)))).isEqualTo(Decision.ALLOW);
            assertThat(decide(fromHomeWithTotpAgo(OUTSIDE_OFFICE_FREQUENCY))).isEqualTo(Decision.ALLOW);
        }

        @Test
        void anExpiredMfaIsAskedForAgain() {
            Decision.RequireControls require = assertRequires(
                    decide(fromHomeWithTotpAgo(OUTSIDE_OFFICE_FREQUENCY.plusSeconds(1))));

            assertThat(require.authentication()).singleElement().satisfies(r -> {
                assertThat(r.policyId()).isEqualTo(MFA_OUTSIDE_OFFICE);
                assertThat(r.strength()).isEqualTo(AuthenticationStrength.MFA);
                assertThat(r.notBefore()).isEqualTo(NOON.minus(OUTSIDE_OFFICE_FREQUENCY));
            });
        }

        @Test
        void policiesWithoutAFrequencyAcceptAnOldMfa() {
            SignIn signIn = pilotUser(NOON).application(WIKI_APP).satisfied(TOTP, NOON.minus(Duration.ofDays(3))).build();

            assertThat(decide(signIn)).isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    class ReportOnlyNextWave {

        private final Evaluator withoutNextWave = Evaluator.of(SeedPolicies.policySetWithout(NEXT_WAVE_REPORT_ONLY));

        private Evaluation evaluateBoth(SignIn signIn) {
            Evaluation evaluation = evaluate(signIn);
            assertThat(evaluation.decision())
                    .as("a report-only policy never changes the decision")
                    .isEqualTo(withoutNextWave.evaluate(signIn).decision());
            return evaluation;
        }

        @Test
        void successWhenThePolicyWouldBeMet() {
            Evaluation evaluation = evaluateBoth(accountantInOffice(NOON).satisfied(PASSKEY, NOON).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(result(evaluation, NEXT_WAVE_REPORT_ONLY)).isEqualTo(Result.REPORT_ONLY_SUCCESS);
        }

        @Test
        void failureWhenTheDeviceIsNotCompliant() {
            Evaluation evaluation = evaluateBoth(accountantInOffice(NOON).device(personalPhone())
                    .satisfied(PASSKEY, NOON).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            PolicyOutcome outcome = evaluation.outcome(NEXT_WAVE_REPORT_ONLY).orElseThrow();
            assertThat(outcome.result()).isEqualTo(Result.REPORT_ONLY_FAILURE);
            assertThat(outcome.state()).isEqualTo(PolicyState.REPORT_ONLY);
            assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("compliant device"));
        }

        @Test
        void interruptedWhenTheUserWouldFirstHaveToRegisterAPasskey() {
            Evaluation evaluation = evaluateBoth(accountantInOffice(NOON).build());

            assertThat(evaluation.decision()).isEqualTo(Decision.ALLOW);
            assertThat(result(evaluation, NEXT_WAVE_REPORT_ONLY)).isEqualTo(Result.REPORT_ONLY_INTERRUPTED);
        }

        @Test
        void notAppliedForOtherApps() {
            Evaluation evaluation = evaluateBoth(accountantInOffice(NOON).application(WIKI_APP).build());

            assertThat(result(evaluation, NEXT_WAVE_REPORT_ONLY)).isEqualTo(Result.REPORT_ONLY_NOT_APPLIED);
            assertThat(evaluation.appliedPolicies()).isEmpty();
        }

        @Test
        void reportOnlyNeverChangesABlockOrAPrompt() {
            evaluateBoth(accountantInOffice(officeTime(3, 0)).ipAddress(HOTEL_IP).device(personalPhone()).build());
            evaluateBoth(accountantInOffice(NOON).ipAddress(HOME_IP).build());
            evaluateBoth(newEmployee(NOON).application(FINANCE_APP).ipAddress(OFFICE_IPV4).build());
        }
    }

    @Nested
    class UnenforceableControlsFailSecure {

        private final ConditionalAccessPolicy approvedAppsOnMobile = new ConditionalAccessPolicy(
                "imported-approved-apps", "Require approved client app on mobile (imported from Entra)",
                PolicyState.ENABLED,
                Conditions.of(everyone(), ApplicationsCondition.all())
                        .withPlatforms(new PlatformsCondition(Set.of(DevicePlatform.ANDROID, DevicePlatform.IOS), Set.of())),
                GrantControls.require(GrantOperator.OR, BuiltInControl.APPROVED_APPLICATION,
                        BuiltInControl.COMPLIANT_APPLICATION),
                SessionControls.none());

        private final ConditionalAccessPolicy termsOfUse = new ConditionalAccessPolicy(
                "imported-terms-of-use", "Accept terms of use for HR (imported from Entra)", PolicyState.ENABLED,
                Conditions.of(everyone(), ApplicationsCondition.apps(HR_APP)),
                new GrantControls(GrantOperator.AND, Set.of(BuiltInControl.MFA), Optional.empty(), Set.of(),
                        Set.of("tou-hr-2026")),
                SessionControls.none());

        private final Evaluator evaluator = Evaluator.of(SeedPolicies.policySetWith(approvedAppsOnMobile, termsOfUse));

        @Test
        void anApprovedClientAppCanNeverBeShownSoMobileIsBlocked() {
            Decision decision = evaluator.evaluate(signIn(STAFF, NOON).application(WIKI_APP)
                    .platform(DevicePlatform.ANDROID).build()).decision();

            Decision.Block block = assertBlocked(decision);
            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo("imported-approved-apps");
                assertThat(reason.message()).contains("approvedApplication").contains("fail secure");
            });
        }

        @Test
        void otherPlatformsAreNotTargeted() {
            assertThat(evaluator.evaluate(signIn(STAFF, NOON).application(WIKI_APP).platform(DevicePlatform.WINDOWS)
                    .build()).decision()).isEqualTo(Decision.ALLOW);
        }

        @Test
        void termsOfUseCannotBeAcceptedSoEvenMfaDoesNotHelp() {
            Decision decision = evaluator.evaluate(signIn(STAFF, NOON).application(HR_APP).ipAddress(OFFICE_IPV4)
                    .registered(PASSWORD, TOTP).satisfied(TOTP, NOON).build()).decision();

            Decision.Block block = assertBlocked(decision);
            assertThat(block.reasons()).singleElement().satisfies(reason -> {
                assertThat(reason.policyId()).isEqualTo("imported-terms-of-use");
                assertThat(reason.message()).contains("tou-hr-2026");
            });
        }
    }
}
