package dev.portcullis.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.scenario.SeedPolicies;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Splitting the evaluator (issue 16) changed no behaviour: for random policy sets and sign-ins,
 * {@link Evaluator} gives exactly the decision (the same requirements, in the same order, with the
 * same messages) and the same per-policy outcomes as {@link FrozenEvaluator}, the evaluator as it
 * was before the split.
 */
class EvaluatorCharacterisationProperties {

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> policyLists() {
        return numbered(policies().list().ofMaxSize(8));
    }

    /** A third of the policies on registering security info, blocking more often: the registration gate's inputs. */
    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> aroundRegistration() {
        Arbitrary<GrantControls> grants = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(GrantControls.block())), Tuple.of(3, PolicyArbitraries.grantControls()));
        Arbitrary<ConditionalAccessPolicy> onRegistration = Combinators.combine(policies(), grants)
                .as((p, grant) -> new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(),
                        p.conditions().withApplications(ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO)),
                        grant, p.sessionControls()));
        return numbered(Arbitraries.frequencyOf(Tuple.of(1, onRegistration), Tuple.of(2, policies())).list().ofMaxSize(8));
    }

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> manyPolicies() {
        return numbered(policies().list().ofMinSize(65).ofMaxSize(150));
    }

    @Provide
    Arbitrary<SignIn> signIns() {
        Arbitrary<SignIn> any = PolicyArbitraries.signIns();
        // The registration gate is the hard part: sign-ins to register, and users who can step up with TOTP.
        return Arbitraries.frequencyOf(
                Tuple.of(3, any),
                Tuple.of(2, any.map(s -> s.withTarget(Target.registerSecurityInfo()))),
                Tuple.of(2, any.map(s -> s.toBuilder().registered(AuthenticationMethod.PASSWORD).build())),
                Tuple.of(2, any.map(s -> s.toBuilder()
                        .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP)
                        .satisfiedMethods(List.of(new SatisfiedMethod(AuthenticationMethod.PASSWORD, s.time())))
                        .build())));
    }

    /** Sign-ins of the seed directory's people, each with any methods used and registered. */
    @Provide
    Arbitrary<SignIn> seedSignIns() {
        Arbitrary<SignIn.Builder> people = Arbitraries.of(
                SeedPolicies.accountantInOffice(SeedPolicies.officeTime(10, 0)),
                SeedPolicies.accountantInOffice(SeedPolicies.officeTime(23, 30)),
                SeedPolicies.pilotUser(SeedPolicies.officeTime(9, 0)),
                SeedPolicies.admin(SeedPolicies.officeTime(11, 0)),
                SeedPolicies.newEmployee(SeedPolicies.officeTime(8, 0)),
                SeedPolicies.breakGlass(SeedPolicies.officeTime(3, 0)));
        Arbitrary<Target> targets = Arbitraries.of(Target.application(SeedPolicies.HR_APP),
                Target.application(SeedPolicies.FINANCE_APP), Target.application(SeedPolicies.WIKI_APP),
                Target.adminPortal(SeedPolicies.ADMIN_CONSOLE), Target.registerSecurityInfo());
        Arbitrary<Set<AuthenticationMethod>> methods = Arbitraries.subsetOf(AuthenticationMethod.values()).ofMaxSize(3);
        return Combinators.combine(people, targets, methods, methods).as((person, target, used, registered) -> {
            SignIn base = person.build();
            return person.target(target)
                    .satisfiedMethods(used.stream().map(m -> new SatisfiedMethod(m, base.time())).toList())
                    .registration(new RegistrationState(registered))
                    .build();
        });
    }

    @Property(tries = 3000)
    void decidesAsBeforeTheSplit(@ForAll("policyLists") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertSameAsBefore(PolicyArbitraries.policySet(policies), signIn);
    }

    @Property(tries = 5000)
    void decidesAsBeforeTheSplitAroundRegistration(@ForAll("aroundRegistration") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertSameAsBefore(PolicyArbitraries.policySet(policies), signIn);
    }

    /**
     * Policies without conditions beyond everyone and all apps or registering, mostly enforced, and
     * users with few methods registered: nearly every sign-in reaches the registration gate.
     */
    @Property(tries = 3000)
    void decidesAsBeforeTheSplitAtTheRegistrationGate(@ForAll("atTheGate") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn, @ForAll("fewMethods") Set<AuthenticationMethod> registered) {
        assertSameAsBefore(PolicyArbitraries.policySet(policies),
                signIn.toBuilder().registration(new RegistrationState(registered)).build());
    }

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> atTheGate() {
        Arbitrary<ApplicationsCondition> targets = Arbitraries.of(ApplicationsCondition.all(),
                ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO));
        Arbitrary<PolicyState> states = Arbitraries.frequency(Tuple.of(8, PolicyState.ENABLED),
                Tuple.of(1, PolicyState.REPORT_ONLY), Tuple.of(1, PolicyState.DISABLED));
        Arbitrary<ConditionalAccessPolicy> plain = Combinators.combine(states, targets,
                        PolicyArbitraries.grantControls(), PolicyArbitraries.sessionControls(), kinds())
                .as((state, apps, grant, session, kind) -> withRareControl(new ConditionalAccessPolicy("p", "Policy",
                        state, Conditions.of(UsersCondition.all(), apps), grant, session), kind));
        return numbered(plain.list().ofMinSize(1).ofMaxSize(5));
    }

    @Provide
    Arbitrary<Set<AuthenticationMethod>> fewMethods() {
        return Arbitraries.subsetOf(AuthenticationMethod.values()).ofMaxSize(2);
    }

    @Property(tries = 100)
    void decidesAsBeforeTheSplitWithManyPolicies(@ForAll("manyPolicies") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertSameAsBefore(PolicyArbitraries.policySet(policies), signIn);
    }

    @Property(tries = 1000)
    void decidesTheSeedScenariosAsBeforeTheSplit(@ForAll("seedSignIns") SignIn signIn) {
        assertSameAsBefore(SeedPolicies.policySet(), signIn);
    }

    private static void assertSameAsBefore(PolicySet set, SignIn signIn) {
        Evaluation before = FrozenEvaluator.of(set).evaluate(signIn);
        Evaluation after = Evaluator.of(set).evaluate(signIn);

        assertThat(after.decision()).isEqualTo(before.decision());
        assertThat(Evaluator.of(set).decide(signIn)).isEqualTo(before.decision());
        assertThat(after.policyOutcomes()).isEqualTo(before.policyOutcomes());
        Statistics.label("decision").collect(before.decision().result());
        Statistics.label("registration gate").collect(gate(before.decision()));
    }

    private static String gate(Decision decision) {
        if (decision instanceof Decision.Block block
                && block.reasons().stream().anyMatch(r -> r.message().startsWith("registering security info"))) {
            return "refuses a registration";
        }
        if (decision instanceof Decision.RequireControls require && require.authentication().stream()
                .anyMatch(r -> r.policyId().equals("portcullis-prove-before-adding"))) {
            return "prove before adding";
        }
        return decision instanceof Decision.RegistrationRequired ? "admits a registration" : "not involved";
    }

    // ---- policies: the shared generators plus controls Portcullis cannot satisfy and session-only ones

    /** The shared generator's policies, and as often broad ones (everyone, all apps or registering) that apply. */
    private static Arbitrary<ConditionalAccessPolicy> policies() {
        Arbitrary<ApplicationsCondition> targets = Arbitraries.of(ApplicationsCondition.all(),
                ApplicationsCondition.userAction(Target.REGISTER_SECURITY_INFO));
        Arbitrary<ConditionalAccessPolicy> broad = Combinators.combine(PolicyArbitraries.policies(), targets)
                .as((p, apps) -> new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(),
                        p.conditions().withUsers(UsersCondition.all()).withApplications(apps), p.grantControls(),
                        p.sessionControls()));
        return Combinators.combine(Arbitraries.oneOf(PolicyArbitraries.policies(), broad), kinds())
                .as(EvaluatorCharacterisationProperties::withRareControl);
    }

    /** Which rare control a policy gets: 0-3 one of them, 4-9 none. */
    private static Arbitrary<Integer> kinds() {
        return Arbitraries.integers().between(0, 9);
    }

    private static ConditionalAccessPolicy withRareControl(ConditionalAccessPolicy p, int kind) {
        return switch (kind) {
            case 0 -> with(p, extended(p.grantControls(), Set.of("custom-factor"), Set.of()), p.sessionControls());
            case 1 -> with(p, extended(p.grantControls(), Set.of(), Set.of("terms-1")), p.sessionControls());
            case 2 -> with(p, GrantControls.none(), SessionControls.signInFrequency(SignInFrequency.everyTime()));
            case 3 -> with(p, extended(p.grantControls(), BuiltInControl.DOMAIN_JOINED_DEVICE), p.sessionControls());
            default -> p;
        };
    }

    private static GrantControls extended(GrantControls grant, Set<String> factors, Set<String> terms) {
        return grant.blocks() ? grant
                : new GrantControls(grant.operator(), grant.builtInControls(), grant.authenticationStrengthId(),
                        factors, terms);
    }

    private static GrantControls extended(GrantControls grant, BuiltInControl control) {
        if (grant.blocks()) {
            return grant;
        }
        Set<BuiltInControl> controls = new HashSet<>(grant.builtInControls());
        controls.add(control);
        return new GrantControls(grant.operator(), controls, grant.authenticationStrengthId(),
                grant.customAuthenticationFactors(), grant.termsOfUse());
    }

    private static ConditionalAccessPolicy with(ConditionalAccessPolicy p, GrantControls grant, SessionControls session) {
        return new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(), p.conditions(), grant, session);
    }

    private static Arbitrary<List<ConditionalAccessPolicy>> numbered(Arbitrary<List<ConditionalAccessPolicy>> lists) {
        return lists.map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> PolicyArbitraries.withId(list.get(i), String.format("p%03d", i))).toList());
    }
}
