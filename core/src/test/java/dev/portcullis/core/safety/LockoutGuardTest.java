package dev.portcullis.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.safety.LockoutGuard.Administrator;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.UserIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockoutGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final IpNamedLocation OFFICE = new IpNamedLocation("office", "Office",
            List.of(IpRange.of("10.20.0.0/16")), true);
    private static final Administrator ALICE = admin("alice", false, AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP);
    private static final Administrator BOB = admin("bob", false, AuthenticationMethod.PASSWORD);
    private static final Administrator GLASS = admin("breakglass", true, AuthenticationMethod.PASSWORD,
            AuthenticationMethod.SECURITY_KEY);
    private static final List<Administrator> ADMINS = List.of(ALICE, BOB, GLASS);

    private static Administrator admin(String id, boolean breakGlass, AuthenticationMethod... methods) {
        return new Administrator(new UserIdentity(id, Set.of("admins"), Set.of("realm-admin"), false),
                RegistrationState.of(methods), breakGlass);
    }

    private static ConditionalAccessPolicy policy(String id, UsersCondition users, ApplicationsCondition apps,
            GrantControls grant) {
        return new ConditionalAccessPolicy(id, id, PolicyState.ENABLED, Conditions.of(users, apps), grant,
                SessionControls.none());
    }

    private static PolicySet set(ConditionalAccessPolicy... policies) {
        return PolicySet.of(List.of(policies), List.of(OFFICE));
    }

    @Test
    void blockingEveryoneIsRefusedAndSaysWhoIsLockedOut() {
        ConditionalAccessPolicy blockAll = policy("block-all", UsersCondition.all().excludingUsers("breakglass"),
                ApplicationsCondition.all(), GrantControls.block());

        List<String> problems = LockoutGuard.check(set(), set(blockAll), ADMINS, "alice", NOW);

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("every administrator would be blocked"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("you (alice)"));
    }

    @Test
    void requiringMfaOfAdministratorsIsSafeEvenForOneWhoMustRegisterFirst() {
        ConditionalAccessPolicy mfa = policy("mfa-admins", UsersCondition.roles("realm-admin").excludingUsers("breakglass"),
                ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));

        assertThat(LockoutGuard.check(set(), set(mfa), ADMINS, "bob", NOW)).isEmpty();
    }

    @Test
    void aCompliantDeviceRequirementWithoutADeviceSourceLocksEveryAdministratorOut() {
        ConditionalAccessPolicy device = policy("device-admins", UsersCondition.roles("realm-admin").excludingUsers("breakglass"),
                ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS),
                GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE));

        assertThat(LockoutGuard.check(set(), set(device), ADMINS, "alice", NOW))
                .anySatisfy(p -> assertThat(p).startsWith("every administrator would be blocked"));
    }

    @Test
    void aCompliantDeviceRequirementIsSafeOnceAnAdministratorOwnsACompliantDevice() {
        ConditionalAccessPolicy device = policy("device-admins", UsersCondition.roles("realm-admin").excludingUsers("breakglass"),
                ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS),
                GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE));
        Administrator aliceWithLaptop = withDevice(ALICE, true);
        Administrator aliceWithLapsedLaptop = withDevice(ALICE, false);

        assertThat(LockoutGuard.check(set(), set(device), List.of(aliceWithLaptop, BOB, GLASS), "alice", NOW)).isEmpty();
        // Bob has no compliant device: he alone would be shut out, and only he is told so when he makes the change.
        assertThat(LockoutGuard.check(set(), set(device), List.of(aliceWithLaptop, BOB, GLASS), "bob", NOW))
                .containsExactly("you (bob) would be blocked from the admin portals");
        assertThat(LockoutGuard.check(set(), set(device), List.of(aliceWithLapsedLaptop, BOB, GLASS), "alice", NOW))
                .as("a device the inventory no longer vouches for")
                .anySatisfy(p -> assertThat(p).startsWith("every administrator would be blocked"));
    }

    private static Administrator withDevice(Administrator admin, boolean compliant) {
        return new Administrator(admin.identity(), admin.registration(), admin.breakGlass(), List.of(
                new DeviceState.Known("laptop-" + admin.identity().id(), compliant, true, "company", "AzureAD",
                        Optional.of(DevicePlatform.WINDOWS))));
    }

    @Test
    void aBreakGlassAccountMustBeExcludedUnlessThePolicyOnlyDemandsPhishingResistantMfa() {
        ConditionalAccessPolicy forgotToExclude = policy("mfa-all", UsersCondition.all(), ApplicationsCondition.all(),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA));
        ConditionalAccessPolicy keysForGlass = policy("glass-keys", new UsersCondition(Set.of("breakglass"), Set.of(),
                        Set.of(), Set.of(), Set.of(), Set.of()), ApplicationsCondition.all(),
                GrantControls.requireStrength(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID));

        assertThat(LockoutGuard.check(set(), set(forgotToExclude), ADMINS, "alice", NOW))
                .containsExactly("break-glass account breakglass is not excluded from policy 'mfa-all': exclude it,"
                        + " or require only phishing-resistant MFA of it");
        assertThat(LockoutGuard.check(set(), set(keysForGlass), ADMINS, "alice", NOW)).isEmpty();
    }

    @Test
    void theEmergencyAccountsTemplateWaitsUntilEachBreakGlassAccountHasAKeyRegistered() {
        Administrator glassWithoutKey = admin("breakglass", true, AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP);
        ConditionalAccessPolicy template = dev.portcullis.core.template.PolicyTemplate
                .REQUIRE_PHISHING_RESISTANT_MFA_FOR_EMERGENCY_ACCOUNTS.instantiate("glass-keys",
                        new dev.portcullis.core.template.PolicyTemplate.Parameters(Set.of("breakglass"), Set.of(),
                                Set.of(), Set.of(), null));
        ConditionalAccessPolicy enabled = new ConditionalAccessPolicy(template.id(), template.displayName(),
                PolicyState.ENABLED, template.conditions(), template.grantControls(), template.sessionControls());

        // A one-time code is MFA, but not phishing-resistant: the account would meet a registration prompt.
        assertThat(LockoutGuard.check(set(), set(enabled), List.of(ALICE, BOB, glassWithoutKey), "alice", NOW))
                .containsExactly("break-glass account breakglass has no passkey or security key registered, so policy"
                        + " 'Require phishing-resistant MFA for emergency access accounts' would shut it out: register"
                        + " one for it first");
        assertThat(LockoutGuard.check(set(), set(enabled), ADMINS, "alice", NOW)).as("with a security key").isEmpty();
        // Report-only (as every template starts) changes nobody's sign-in, so it is never refused.
        assertThat(LockoutGuard.check(set(), set(template), List.of(ALICE, BOB, glassWithoutKey), "alice", NOW)).isEmpty();
    }

    @Test
    void onlyProblemsTheChangeIntroducesCount() {
        ConditionalAccessPolicy blockAll = policy("block-all", UsersCondition.all().excludingUsers("breakglass"),
                ApplicationsCondition.all(), GrantControls.block());
        ConditionalAccessPolicy blockAllButOffice = new ConditionalAccessPolicy("block-all", "block-all",
                PolicyState.ENABLED, Conditions.of(UsersCondition.all().excludingUsers("breakglass"),
                        ApplicationsCondition.all()).withLocations(LocationsCondition.allExcept("office")),
                GrantControls.block(), SessionControls.none());

        assertThat(LockoutGuard.check(set(blockAll), set(blockAll), ADMINS, "alice", NOW)).isEmpty();
        assertThat(LockoutGuard.check(set(blockAll), set(blockAllButOffice), ADMINS, "alice", NOW)).isEmpty();
    }
}
