package dev.portcullis.core.evaluation;

import static dev.portcullis.core.evaluation.PolicyArbitraries.policySet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.signin.SatisfiedMethod;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the evaluator over random valid policy sets and random sign-ins (see
 * {@link PolicyArbitraries}), and of IP matching against a reference built on {@link BigInteger}.
 */
class EvaluatorProperties {

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> policyLists() {
        return PolicyArbitraries.policyLists(8);
    }

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> policyListsAroundRegistration() {
        return PolicyArbitraries.policyListsAroundRegistration(6);
    }

    @Provide
    Arbitrary<ConditionalAccessPolicy> policies() {
        return PolicyArbitraries.policies().map(p -> PolicyArbitraries.withId(p, "extra"));
    }

    @Provide
    Arbitrary<SignIn> signIns() {
        return PolicyArbitraries.signIns();
    }

    private static Decision decide(List<ConditionalAccessPolicy> policies, SignIn signIn) {
        return Evaluator.of(policySet(policies)).evaluate(signIn).decision();
    }

    private static List<ConditionalAccessPolicy> plus(List<ConditionalAccessPolicy> policies, ConditionalAccessPolicy extra) {
        List<ConditionalAccessPolicy> all = new ArrayList<>(policies);
        all.add(extra);
        return all;
    }

    // ---- users ------------------------------------------------------------------------------------

    @Property(tries = 500)
    void excludingTheUserNeverMakesAPolicyApply(@ForAll("policies") ConditionalAccessPolicy policy,
            @ForAll("signIns") SignIn signIn, @ForAll boolean throughAGroup) {
        UsersCondition users = policy.conditions().users();
        UsersCondition excluding;
        if (throughAGroup) {
            Assume.that(!signIn.user().groupIds().isEmpty());
            Set<String> groups = new HashSet<>(users.excludeGroups());
            groups.add(signIn.user().groupIds().iterator().next());
            excluding = new UsersCondition(users.includeUsers(), users.excludeUsers(), users.includeGroups(), groups,
                    users.includeRoles(), users.excludeRoles());
        } else {
            Assume.that(!PolicyArbitraries.KEYWORD_LOOKALIKES.contains(signIn.user().id()));
            Set<String> excluded = new HashSet<>(users.excludeUsers());
            excluded.add(signIn.user().id());
            excluding = new UsersCondition(users.includeUsers(), excluded, users.includeGroups(), users.excludeGroups(),
                    users.includeRoles(), users.excludeRoles());
        }
        Conditions c = policy.conditions();
        ConditionalAccessPolicy excluded = new ConditionalAccessPolicy(policy.id(), policy.displayName(),
                PolicyState.ENABLED,
                new Conditions(excluding, c.applications(), c.clientAppTypes(), c.locations(), c.platforms(),
                        c.signInRiskLevels(), c.userRiskLevels(), c.devices(), c.times()),
                policy.grantControls(), policy.sessionControls());

        Evaluation evaluation = Evaluator.of(policySet(List.of(excluded))).evaluate(signIn);

        assertThat(evaluation.outcome(policy.id()).orElseThrow().result()).isEqualTo(Result.NOT_APPLIED);
        assertThat(evaluation.outcome(policy.id()).orElseThrow().reasons()).singleElement().asString()
                .startsWith("users: ").contains("excluded");
        assertThat(signIn.target().equals(Target.registerSecurityInfo())
                ? policiesPart(evaluation.decision()) : evaluation.decision()).isEqualTo(Decision.ALLOW);
    }

    /**
     * The decision without the built-in rule on registering security info ({@link RegistrationGate}),
     * which holds whatever the policies say. Policies on that user action never ask for a registration,
     * so what is left is theirs alone.
     */
    static Decision policiesPart(Decision decision) {
        if (!(decision instanceof Decision.RequireControls require)) {
            return decision;
        }
        List<Decision.AuthenticationRequirement> policies = require.authentication().stream()
                .filter(r -> !r.policyId().equals(RegistrationGate.PROVE_BEFORE_ADDING)).toList();
        return policies.isEmpty() && require.passwordChangePolicyIds().isEmpty()
                ? Decision.ALLOW
                : new Decision.RequireControls(policies, require.passwordChangePolicyIds());
    }

    /**
     * Whatever the policies say, a user who can do MFA proves it before adding a method. About six in
     * seven generated sign-ins are not such a user, so jqwik may discard up to 20 per try (its default
     * of 5 let a run with an unlucky seed end "exhausted", not failed).
     */
    @Property(tries = 500, maxDiscardRatio = 20)
    void registeringSecurityInfoNeverSkipsMfaForAUserWhoHasIt(
            @ForAll("policyListsAroundRegistration") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn anySignIn) {
        SignIn signIn = anySignIn.withTarget(Target.registerSecurityInfo());
        Assume.that(signIn.registration().canSatisfy(dev.portcullis.core.method.AuthenticationStrength.MFA));
        Assume.that(!dev.portcullis.core.method.AuthenticationStrength.MFA.isSatisfiedBy(signIn.methodsSatisfied()));

        Decision decision = Evaluator.of(policySet(policies)).decide(signIn);

        assertThat(decision).isNotEqualTo(Decision.ALLOW);
        if (decision instanceof Decision.RequireControls require) {
            assertThat(require.authentication()).extracting(Decision.AuthenticationRequirement::policyId)
                    .contains(RegistrationGate.PROVE_BEFORE_ADDING);
        } else {
            assertThat(decision).isInstanceOf(Decision.Block.class);
        }
    }

    // ---- sign-in frequency ----------------------------------------------------------------------------

    @Property(tries = 500)
    void anMfaCountsExactlyAsLongAsTheFrequencyAllowsAndEveryTimeAllowsFiveMinutes(
            @ForAll @IntRange(min = 0, max = 4 * 3600) int ageSeconds,
            @ForAll @IntRange(min = 0, max = 3) int hours) {
        SignInFrequency frequency = hours == 0 ? SignInFrequency.everyTime() : SignInFrequency.of(Duration.ofHours(hours));
        long allowedSeconds = hours == 0 ? 300 : hours * 3600L;
        ConditionalAccessPolicy mfa = new ConditionalAccessPolicy("f", "MFA with a frequency", PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.signInFrequency(frequency));
        Instant now = Instant.parse("2026-03-11T10:00:00Z");
        SignIn signIn = SignIn.builder("u", now).application("app")
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP)
                .satisfied(AuthenticationMethod.PASSWORD, now)
                .satisfied(AuthenticationMethod.TOTP, now.minusSeconds(ageSeconds)).build();

        Decision decision = decide(List.of(mfa), signIn);

        if (ageSeconds <= allowedSeconds) {
            assertThat(decision).as("MFA %ss old, frequency %s", ageSeconds, frequency).isEqualTo(Decision.ALLOW);
        } else {
            assertThat(decision).as("MFA %ss old, frequency %s", ageSeconds, frequency)
                    .isInstanceOf(Decision.RequireControls.class);
        }
    }

    // ---- adding policies ----------------------------------------------------------------------------

    @Property(tries = 500)
    void addingADisabledOrReportOnlyPolicyNeverChangesTheDecision(
            @ForAll("policyLists") List<ConditionalAccessPolicy> policies, @ForAll("policies") ConditionalAccessPolicy extra,
            @ForAll boolean reportOnly, @ForAll("signIns") SignIn signIn) {
        ConditionalAccessPolicy inactive = extra.withState(reportOnly ? PolicyState.REPORT_ONLY : PolicyState.DISABLED);

        assertThat(decide(plus(policies, inactive), signIn)).isEqualTo(decide(policies, signIn));
    }

    /** allow < requireControls, registrationRequired < block. */
    private static int strictness(Decision decision) {
        if (decision instanceof Decision.Allow) {
            return 0;
        }
        return decision instanceof Decision.Block ? 2 : 1;
    }

    @Property(tries = 1000)
    void addingAnEnabledPolicyNeverMakesTheDecisionLessStrict(
            @ForAll("policyLists") List<ConditionalAccessPolicy> policies, @ForAll("policies") ConditionalAccessPolicy extra,
            @ForAll("signIns") SignIn signIn) {
        assertNeverLessStrict(policies, extra, signIn);
    }

    /** The same, with the registration gate often in play (policies on registering security info). */
    @Property(tries = 2000)
    void addingAnEnabledPolicyNeverMakesTheDecisionLessStrictAroundRegistration(
            @ForAll("policyListsAroundRegistration") List<ConditionalAccessPolicy> policies,
            @ForAll("policies") ConditionalAccessPolicy extra, @ForAll("signIns") SignIn signIn) {
        assertNeverLessStrict(policies, extra, signIn);
    }

    /**
     * The sharpest case of the two above: a user who can step up with TOTP but must register a
     * stronger method for some policy, and an added "MFA for everyone" policy. A step-up must never
     * hide that the registration itself is refused.
     */
    @Property(tries = 3000)
    void addingAnMfaPolicyNeverHidesARefusedRegistration(
            @ForAll("policyListsAroundRegistration") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        ConditionalAccessPolicy mfaForEveryone = new ConditionalAccessPolicy("extra", "MFA for everyone",
                PolicyState.ENABLED, Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        SignIn totpUser = signIn.toBuilder()
                .registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP)
                .satisfiedMethods(List.of(new SatisfiedMethod(AuthenticationMethod.PASSWORD, signIn.time())))
                .build();

        assertNeverLessStrict(policies, mfaForEveryone, totpUser);
    }

    private static void assertNeverLessStrict(
            List<ConditionalAccessPolicy> policies, ConditionalAccessPolicy extra, SignIn signIn) {
        Evaluation before = Evaluator.of(policySet(policies)).evaluate(signIn);
        Decision after = decide(plus(policies, extra.withState(PolicyState.ENABLED)), signIn);

        assertThat(strictness(after)).as("before: %s", before.decision()).isGreaterThanOrEqualTo(strictness(before.decision()));
        if (before.decision() instanceof Decision.RequireControls was && after instanceof Decision.RequireControls is
                && enforcedApplied(before).containsAll(policyIds(was))) {
            // A step-up this sign-in's own policies demand (not one for registering) only ever grows.
            assertThat(is.authentication()).containsAll(was.authentication());
            assertThat(is.passwordChangePolicyIds()).containsAll(was.passwordChangePolicyIds());
            assertThat(is.strengths()).allSatisfy(s -> assertThat(s).isNotNull());
            for (var strength : was.strengths()) {
                assertThat(is.strengths()).anySatisfy(s -> assertThat(s.implies(strength)).isTrue());
            }
        }
        if (before.decision() instanceof Decision.Block was && after instanceof Decision.Block is
                && enforcedApplied(before).containsAll(policyIds(was))) {
            assertThat(policyIds(is)).containsAll(policyIds(was));
        }
    }

    // ---- order ---------------------------------------------------------------------------------------

    @Property(tries = 500)
    void theOrderOfPoliciesNeverMatters(@ForAll("policyLists") List<ConditionalAccessPolicy> policies,
            @ForAll long seed, @ForAll("signIns") SignIn signIn) {
        List<ConditionalAccessPolicy> shuffled = new ArrayList<>(policies);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(decide(shuffled, signIn)).isEqualTo(decide(policies, signIn));
    }

    // ---- the index against brute force ------------------------------------------------------------

    private static Set<String> enforcedApplied(Evaluation evaluation) {
        return evaluation.policyOutcomes().stream()
                .filter(o -> o.state() == PolicyState.ENABLED && o.applied())
                .map(PolicyOutcome::policyId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> enforcedWith(Evaluation evaluation, Result result) {
        return evaluation.policyOutcomes().stream()
                .filter(o -> o.state() == PolicyState.ENABLED && o.result() == result)
                .map(PolicyOutcome::policyId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> policyIds(Decision decision) {
        Set<String> ids = new TreeSet<>();
        if (decision instanceof Decision.Block block) {
            block.reasons().forEach(r -> ids.add(r.policyId()));
        } else if (decision instanceof Decision.RequireControls require) {
            require.authentication().forEach(r -> ids.add(r.policyId()));
            ids.addAll(require.passwordChangePolicyIds());
        } else if (decision instanceof Decision.RegistrationRequired registration) {
            registration.registrations().forEach(r -> ids.add(r.policyId()));
        }
        return ids;
    }

    /**
     * The decision is based on exactly the enforced policies that apply, as the per-policy outcomes
     * (which check every policy, with no index) say: a failure among them blocks with exactly the
     * failing policies; none applying allows; otherwise the decision names only interrupted policies,
     * unless it is the registration gate's (the same evaluator's decision on registering security info).
     */
    @Property(tries = 1500)
    void theIndexNeverChangesADecision(@ForAll("policyLists") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertDecisionMatchesOutcomes(policies, signIn);
    }

    @Property(tries = 1000)
    void theIndexNeverChangesADecisionAroundRegistration(
            @ForAll("policyListsAroundRegistration") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertDecisionMatchesOutcomes(policies, signIn);
    }

    /** More than 64 enforced policies: the index's bit sets span several words. */
    @Property(tries = 60)
    void theIndexNeverChangesADecisionWithManyPolicies(@ForAll("manyPolicies") List<ConditionalAccessPolicy> policies,
            @ForAll("signIns") SignIn signIn) {
        assertDecisionMatchesOutcomes(policies, signIn);
    }

    @Provide
    Arbitrary<List<ConditionalAccessPolicy>> manyPolicies() {
        return PolicyArbitraries.policies().list().ofMinSize(65).ofMaxSize(200)
                .map(list -> java.util.stream.IntStream.range(0, list.size())
                        .mapToObj(i -> PolicyArbitraries.withId(list.get(i), String.format("p%03d", i))).toList());
    }

    private static void assertDecisionMatchesOutcomes(List<ConditionalAccessPolicy> policies, SignIn signIn) {
        Evaluator evaluator = Evaluator.of(policySet(policies));
        Evaluation evaluation = evaluator.evaluate(signIn);
        Decision decision = signIn.target().equals(Target.registerSecurityInfo())
                ? policiesPart(evaluation.decision())
                : evaluation.decision();
        Set<String> applied = enforcedApplied(evaluation);
        Set<String> failed = enforcedWith(evaluation, Result.FAILURE);
        Set<String> interrupted = enforcedWith(evaluation, Result.INTERRUPTED);

        if (!failed.isEmpty()) {
            assertThat(decision).isInstanceOf(Decision.Block.class);
            assertThat(policyIds(decision)).isEqualTo(failed);
        } else if (interrupted.isEmpty()) {
            assertThat(decision).as("applied: %s", applied).isEqualTo(Decision.ALLOW);
        } else {
            assertThat(decision).isNotEqualTo(Decision.ALLOW);
            if (!interrupted.containsAll(policyIds(decision))) {
                assertThat(signIn.target()).isNotEqualTo(Target.registerSecurityInfo());
                Decision gate = evaluator.evaluate(signIn.withTarget(Target.registerSecurityInfo())).decision();
                if (decision instanceof Decision.Block block) {
                    assertThat(block.reasons()).extracting(Decision.Reason::policyId)
                            .containsExactlyElementsOf(((Decision.Block) gate).reasons().stream()
                                    .map(Decision.Reason::policyId).toList());
                } else {
                    assertThat(decision).isEqualTo(gate);
                }
            }
        }
    }

    // ---- IP matching against a reference ------------------------------------------------------------

    /** A range and an address, as byte arrays (4 or 16 bytes), with the range's host bits cleared. */
    record IpCase(byte[] network, int prefix, byte[] address, boolean mappedText) {}

    @Provide
    Arbitrary<IpCase> ipCases() {
        Arbitrary<Boolean> v6 = Arbitraries.of(false, true);
        return v6.flatMap(ipv6 -> {
            int bytes = ipv6 ? 16 : 4;
            Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofSize(bytes);
            Arbitrary<Integer> prefixes = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(0, bytes * 8, bytes * 8 - 1, 1)),
                    net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, bytes * 8)));
            Arbitrary<Integer> where = Arbitraries.integers().between(0, 6);
            return Combinators.combine(raw, prefixes, raw, where, Arbitraries.of(false, true))
                    .as((net, prefix, random, mode, mapped) -> {
                        BigInteger network = mask(new BigInteger(1, net), prefix, bytes * 8);
                        BigInteger size = BigInteger.ONE.shiftLeft(bytes * 8 - prefix);
                        BigInteger last = network.add(size).subtract(BigInteger.ONE);
                        BigInteger modulus = BigInteger.ONE.shiftLeft(bytes * 8);
                        BigInteger address = switch (mode) {
                            case 0 -> network;
                            case 1 -> last;
                            case 2 -> network.subtract(BigInteger.ONE).mod(modulus);
                            case 3 -> last.add(BigInteger.ONE).mod(modulus);
                            case 4 -> network.or(new BigInteger(1, random).mod(size));
                            default -> new BigInteger(1, random);
                        };
                        return new IpCase(toBytes(network, bytes), prefix, toBytes(address, bytes), mapped && !ipv6);
                    });
        });
    }

    private static BigInteger mask(BigInteger value, int prefix, int bits) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger keep = all.shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return value.and(keep);
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** The literal text of an address, from the JDK (a literal byte array is never looked up). */
    private static String literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** IPv4-mapped IPv6 (::ffff:0:0/96) is the IPv4 address, as the product documents. */
    private static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xFF && address[11] == (byte) 0xFF) {
                byte[] v4 = new byte[4];
                System.arraycopy(address, 12, v4, 0, 4);
                return v4;
            }
        }
        return address;
    }

    private static boolean referenceContains(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int bits = network.length * 8;
        return mask(new BigInteger(1, network), prefix, bits).equals(mask(new BigInteger(1, address), prefix, bits));
    }

    @Property(tries = 3000)
    void ipMatchingAgreesWithTheReference(@ForAll("ipCases") IpCase c) {
        Assume.that(unmapped(c.network()).length == c.network().length); // a mapped network is not a valid IPv6 CIDR
        String cidr = literal(c.network()) + "/" + c.prefix();
        byte[] addressBytes = c.address();
        String addressText = literal(addressBytes);
        if (c.mappedText()) {
            addressText = "::ffff:" + addressText; // the same IPv4 address as a proxy may report it
        }

        boolean expected = referenceContains(c.network(), c.prefix(), unmapped(addressBytes));
        IpAddress parsed = IpAddress.parse(addressText).orElseThrow(() -> new AssertionError("unparsed literal"));

        assertThat(IpRange.of(cidr).contains(parsed)).as("%s in %s", addressText, cidr).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void everyJdkLiteralParsesToTheSameBits(@ForAll("ipCases") IpCase c) {
        byte[] bytes = c.address();
        IpAddress parsed = IpAddress.parse(literal(bytes)).orElseThrow(() -> new AssertionError(literal(bytes)));
        byte[] expected = unmapped(bytes);
        BigInteger value = new BigInteger(1, expected);

        assertThat(parsed.ipv4()).isEqualTo(expected.length == 4);
        BigInteger actual = BigInteger.valueOf(parsed.high()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                .shiftLeft(64)
                .or(BigInteger.valueOf(parsed.low()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        assertThat(actual).isEqualTo(value);
        assertThat(IpAddress.parse(parsed.toString())).contains(parsed);
    }

    @Property(tries = 200)
    void aPrefixOfTheWholeAddressMatchesOnlyThatAddress(@ForAll @IntRange(min = 0, max = 255) int lastOctet) {
        IpRange host = IpRange.of("192.0.2." + lastOctet + "/32");

        for (int other = 0; other < 256; other++) {
            assertThat(host.contains(IpAddress.parse("192.0.2." + other).orElseThrow())).isEqualTo(other == lastOctet);
        }
    }
}
