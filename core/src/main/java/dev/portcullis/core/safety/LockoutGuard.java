package dev.portcullis.core.safety;

import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Refuses policy changes that would lock the organisation out of its own admin portals: a change
 * that blocks every administrator, blocks the administrator making it, or catches a break-glass
 * account in any policy other than one that requires phishing-resistant MFA of it, or in that one
 * before the account has a passkey or security key registered. Only problems
 * the change introduces are reported, so a change that repairs an earlier mistake is never refused.
 */
public final class LockoutGuard {

    /**
     * An administrator as the directory knows them, with the methods they have registered and the
     * devices the inventory says they own (as a node would see each one, compliant or not).
     */
    public record Administrator(UserIdentity identity, RegistrationState registration, boolean breakGlass,
            List<DeviceState> devices) {

        public Administrator {
            devices = List.copyOf(devices);
        }

        public Administrator(UserIdentity identity, RegistrationState registration, boolean breakGlass) {
            this(identity, registration, breakGlass, List.of());
        }
    }

    /** The admin console's client id, used as the probe target. */
    static final String ADMIN_CONSOLE = "security-admin-console";

    private LockoutGuard() {}

    /**
     * @return why the change is refused; empty when it is safe
     */
    public static List<String> check(PolicySet before, PolicySet after, List<Administrator> administrators,
            String callerUserId, Instant now) {
        List<String> problems = new ArrayList<>(problems(after, administrators, callerUserId, now));
        problems.removeAll(problems(before, administrators, callerUserId, now));
        return List.copyOf(problems);
    }

    private static List<String> problems(PolicySet set, List<Administrator> administrators, String callerUserId,
            Instant now) {
        List<String> problems = new ArrayList<>();
        Evaluator evaluator = Evaluator.of(set);
        List<Administrator> regular = administrators.stream().filter(a -> !a.breakGlass()).toList();
        List<Administrator> lockedOut = regular.stream().filter(a -> lockedOut(evaluator, set, a, now)).toList();
        if (!regular.isEmpty() && lockedOut.size() == regular.size()) {
            problems.add("every administrator would be blocked from the admin portals, even from a trusted location "
                    + "with their registered methods and their own devices (a policy that requires a compliant device "
                    + "needs an administrator's compliant device in the inventory first)");
        }
        lockedOut.stream().filter(a -> a.identity().id().equals(callerUserId)).findFirst().ifPresent(a ->
                problems.add("you (" + callerUserId + ") would be blocked from the admin portals"));
        for (Administrator breakGlass : administrators.stream().filter(Administrator::breakGlass).toList()) {
            for (ConditionalAccessPolicy policy : set.policies()) {
                if (policy.state() != PolicyState.ENABLED || !targets(policy, breakGlass.identity())) {
                    continue;
                }
                if (!requiresOnlyPhishingResistantMfa(policy.grantControls())) {
                    problems.add("break-glass account " + breakGlass.identity().id() + " is not excluded from policy '"
                            + policy.displayName() + "': exclude it, or require only phishing-resistant MFA of it");
                } else if (!breakGlass.registration().canSatisfy(AuthenticationStrength.PHISHING_RESISTANT_MFA)) {
                    // The emergency way in must work on the day it is needed: with its key, not a registration prompt.
                    problems.add("break-glass account " + breakGlass.identity().id() + " has no passkey or security key"
                            + " registered, so policy '" + policy.displayName() + "' would shut it out: register one"
                            + " for it first");
                }
            }
        }
        return problems;
    }

    /**
     * The best case an administrator can count on: a trusted location, their own methods, no risk,
     * and whichever of their own devices (or none) serves them best.
     */
    private static boolean lockedOut(Evaluator evaluator, PolicySet set, Administrator admin, Instant now) {
        return Stream.concat(Stream.of(DeviceState.UNKNOWN), admin.devices().stream()).allMatch(device ->
                evaluator.decide(SignIn.builder(admin.identity().id(), now)
                        .user(admin.identity())
                        .target(Target.adminPortal(ADMIN_CONSOLE))
                        .clientAppType(ClientAppType.BROWSER)
                        .ipAddress(trustedAddress(set.namedLocations()))
                        .device(device)
                        .signInRisk(RiskLevel.NONE)
                        .userRisk(RiskLevel.NONE)
                        .registration(admin.registration())
                        .build()) instanceof Decision.Block);
    }

    private static Optional<IpAddress> trustedAddress(Map<String, NamedLocation> locations) {
        return locations.values().stream()
                .filter(l -> l instanceof IpNamedLocation && l.trusted())
                .flatMap(l -> ((IpNamedLocation) l).ipRanges().stream())
                .map(range -> range.network())
                .findFirst();
    }

    private static boolean targets(ConditionalAccessPolicy policy, UserIdentity user) {
        SignIn probe = SignIn.builder(user.id(), Instant.EPOCH).user(user).build();
        return policy.conditions().users().evaluate(probe, Map.of()).matched();
    }

    private static boolean requiresOnlyPhishingResistantMfa(GrantControls grant) {
        return grant.builtInControls().isEmpty()
                && grant.authenticationStrengthId().filter(AuthenticationStrength.PHISHING_RESISTANT_MFA_ID::equals).isPresent()
                && grant.customAuthenticationFactors().isEmpty() && grant.termsOfUse().isEmpty();
    }
}
