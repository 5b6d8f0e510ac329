package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.ManageDocuments;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.in.ManageSecurityDefaults;
import dev.portcullis.core.port.in.ManageSecurityDefaults.Change;
import dev.portcullis.core.port.in.ManageSecurityDefaults.Result;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.ReferenceTurns;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.securitydefaults.SecurityDefaultsPolicies;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Entra's rule both ways, the audit and the snapshot, as plain Java over the in-memory store. */
class SecurityDefaultsServiceTest {

    private static final String ACTOR = "ada";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final RecordedAuditLog auditLog = new RecordedAuditLog();
    private final List<AuditLogPort.Entry<?>> audit = auditLog.entries;
    private final DocumentStores stores = store.stores();
    /** Each announcement, and whether the write's turn (its transaction) was still open when it was made. */
    private final List<String> announced = new ArrayList<>();
    private boolean turnOpen;
    private final ReferenceTurns turns = new ReferenceTurns() {
        private final InProcessReferenceTurns inProcess = new InProcessReferenceTurns();

        @Override
        public <R> R inTurn(java.util.function.Supplier<R> write) {
            return inProcess.inTurn(() -> {
                turnOpen = true;
                try {
                    return write.get();
                } finally {
                    turnOpen = false;
                }
            });
        }
    };
    private final DocumentService.Ports ports = new DocumentService.Ports(auditLog,
            (kind, activity) -> announced.add(kind + " " + activity + (turnOpen ? " inside the turn" : "")),
            new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()), turns,
            new InProcessTransactions(), CLOCK);
    private final StoredSecurityDefaults stored = new StoredSecurityDefaults(stores.securityDefaults(), Set.of("admin"));
    private final ManageSecurityDefaults securityDefaults = new SecurityDefaultsService(ports, stored, stores.policies());
    private final ManagePolicies policies = new PoliciesBesideSecurityDefaults(DocumentServices.policies(ports, stores.policies(),
            new GuardLockout() {
                @Override
                public List<String> refusals(ConditionalAccessPolicy after, String actor) {
                    return List.of();
                }

                @Override
                public Judgement judge(dev.portcullis.core.evaluation.PolicySet before,
                        List<dev.portcullis.core.evaluation.PolicySet> proposed, String actor) {
                    throw new UnsupportedOperationException();
                }
            }), securityDefaults);
    private final PublishSnapshotService snapshots = new PublishSnapshotService(store, stores,
            CLOCK, stored);

    @Test
    void offUntilSwitchedOnThenOnAuditedAndInTheSnapshot() {
        assertThat(securityDefaults.get().value().enabled()).isFalse();
        assertThat(securityDefaults.get().version()).isEmpty();
        assertThat(snapshotPolicyIds()).isEmpty();

        assertThat(securityDefaults.change(new Change(true, Optional.empty(), ACTOR)))
                .isInstanceOfSatisfying(Result.Written.class, w -> {
                    assertThat(w.document().value()).isEqualTo(new SecurityDefaults(true));
                    assertThat(w.document().version()).contains(1L);
                });
        assertThat(audit).extracting(AuditLogPort.Entry::activity).containsExactly("enable security defaults");
        // Announced once the write has committed, so a node that pulls at once finds the new snapshot.
        assertThat(announced).containsExactly("SECURITY_DEFAULTS update");
        assertThat(snapshotPolicyIds()).allMatch(SecurityDefaultsPolicies::isReserved).hasSize(4);

        securityDefaults.change(new Change(false, Optional.of(1L), ACTOR));
        assertThat(snapshotPolicyIds()).isEmpty();
        assertThat(audit).extracting(AuditLogPort.Entry::activity)
                .containsExactly("enable security defaults", "disable security defaults");
    }

    @Test
    void itIsNotSwitchedOnWhileAPolicyIsEnabledAndTheRefusalNamesIt() {
        String id = written(policies.create(create(policy("MFA for everyone", PolicyState.ENABLED))));
        written(policies.create(create(policy("Pilot", PolicyState.REPORT_ONLY))));

        assertThat(securityDefaults.change(new Change(true, Optional.empty(), ACTOR)))
                .isEqualTo(new Result.ConditionalAccessEnabled(List.of("MFA for everyone (" + id + ")")));
        assertThat(securityDefaults.get().value().enabled()).isFalse();

        written(policies.update(new ManageDocuments.Update<>(id, Optional.of(1L),
                (current, refs) -> Checked.valid(current.withState(PolicyState.REPORT_ONLY), List.of()), false, ACTOR)));
        assertThat(securityDefaults.change(new Change(true, Optional.empty(), ACTOR))).isInstanceOf(Result.Written.class);
    }

    @Test
    void whileItIsOnNoPolicyIsEnabledButReportOnlyOnesAreFine() {
        securityDefaults.change(new Change(true, Optional.empty(), ACTOR));

        DocumentResult<ConditionalAccessPolicy> enabled = policies.create(create(policy("MFA", PolicyState.ENABLED)));
        assertThat(errorPaths(enabled)).containsExactly("state");
        String id = written(policies.create(create(policy("MFA", PolicyState.REPORT_ONLY))));
        assertThat(policies.update(new ManageDocuments.Update<>(id, Optional.of(1L),
                (current, refs) -> Checked.valid(current.withState(PolicyState.ENABLED), List.of()), false, ACTOR)))
                .isInstanceOf(DocumentResult.Invalid.class);
        // Not even forced: it is a rule, not a lockout warning.
        assertThat(policies.update(new ManageDocuments.Update<>(id, Optional.of(1L),
                (current, refs) -> Checked.valid(current.withState(PolicyState.ENABLED), List.of()), true, ACTOR)))
                .isInstanceOf(DocumentResult.Invalid.class);
        assertThat(policies.get(id).orElseThrow().value().state()).isEqualTo(PolicyState.REPORT_ONLY);
        assertThat(snapshots.current().evaluator()).isNotNull();
        assertThat(snapshotPolicyIds()).contains(id, SecurityDefaultsPolicies.MFA_REGISTRATION);
    }

    @Test
    void aPolicyCannotTakeTheIdOfOneOfSecurityDefaultsOwn() {
        ConditionalAccessPolicy taken = policy("Mine", PolicyState.REPORT_ONLY).withId(SecurityDefaultsPolicies.MFA_REGISTRATION);
        assertThat(errorPaths(policies.create(create(taken)))).containsExactly("id");
    }

    @Test
    void aSwitchNamingAnOlderVersionIsStale() {
        securityDefaults.change(new Change(true, Optional.empty(), ACTOR));
        securityDefaults.change(new Change(false, Optional.of(1L), ACTOR));
        assertThat(securityDefaults.change(new Change(true, Optional.of(1L), ACTOR))).isEqualTo(new Result.Stale(2));
        assertThat(securityDefaults.get().value().enabled()).isFalse();
    }

    @Test
    void switchingToWhatItAlreadyIsWritesNothing() {
        assertThat(securityDefaults.change(new Change(false, Optional.empty(), ACTOR))).isInstanceOf(Result.Written.class);
        assertThat(audit).isEmpty();
        assertThat(announced).isEmpty();
    }

    private List<String> snapshotPolicyIds() {
        return snapshots.current().snapshot().policySet().policies().stream().map(ConditionalAccessPolicy::id).toList();
    }

    private static ManageDocuments.Create<ConditionalAccessPolicy> create(ConditionalAccessPolicy policy) {
        return new ManageDocuments.Create<>(refs -> Checked.valid(policy, List.of()), false, ACTOR);
    }

    private static ConditionalAccessPolicy policy(String name, PolicyState state) {
        return new ConditionalAccessPolicy("", name, state, Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
    }

    private static List<String> errorPaths(DocumentResult<ConditionalAccessPolicy> result) {
        assertThat(result).isInstanceOf(DocumentResult.Invalid.class);
        return ((DocumentResult.Invalid<ConditionalAccessPolicy>) result).errors().stream().map(ValidationProblem::path)
                .toList();
    }

    private static String written(DocumentResult<ConditionalAccessPolicy> result) {
        assertThat(result).isInstanceOf(DocumentResult.Written.class);
        return ((DocumentResult.Written<ConditionalAccessPolicy>) result).document().id();
    }
}
