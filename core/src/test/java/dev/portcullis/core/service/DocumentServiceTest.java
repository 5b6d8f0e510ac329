package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
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
import dev.portcullis.core.port.in.ManageNamedLocations;
import dev.portcullis.core.port.in.ManagePolicies;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The collection rules as plain Java, with no HTTP and no JSON: the in-memory store, which keeps values. */
class DocumentServiceTest {

    private static final String ACTOR = "ada";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final RecordedAuditLog auditLog = new RecordedAuditLog();
    private final List<AuditLogPort.Entry<?>> audit = auditLog.entries;
    private final List<String> announced = new ArrayList<>();
    private final DocumentStores stores = store.stores();
    private final DocumentService.Ports ports = new DocumentService.Ports(auditLog,
            (kind, activity) -> announced.add(kind + " " + activity), new StoredReferences(stores.policies(), stores.namedLocations(), stores.strengths()),
            new InProcessReferenceTurns(), new InProcessTransactions(), CLOCK);
    private List<String> guardSays = List.of();
    private final ManagePolicies policies = DocumentServices.policies(ports, stores.policies(), new GuardLockout() {
        @Override
        public List<String> refusals(ConditionalAccessPolicy after, String actor) {
            return guardSays;
        }

        @Override
        public Judgement judge(dev.portcullis.core.evaluation.PolicySet before,
                List<dev.portcullis.core.evaluation.PolicySet> proposed, String actor) {
            throw new UnsupportedOperationException();
        }
    });
    private final ManageNamedLocations locations = DocumentServices.namedLocations(ports, stores.namedLocations());

    @Test
    void aLocationAPolicyStillNamesIsNotDeletedUntilThePolicyIsGone() {
        String office = written(locations.create(create(new IpNamedLocation("", "Office",
                List.of(IpRange.of("10.20.0.0/16")), true))));
        String policy = written(policies.create(create(mfaOutside(office))));

        assertThat(locations.delete(new ManageDocuments.Delete(office, Optional.of(1L), ACTOR)))
                .isEqualTo(new DocumentResult.InUse<NamedLocation>(
                        "the named location is used by 'MFA outside the office': remove it from them first"));
        assertThat(locations.get(office)).isPresent();

        assertThat(policies.delete(new ManageDocuments.Delete(policy, Optional.of(1L), ACTOR)))
                .isInstanceOf(DocumentResult.Deleted.class);
        assertThat(locations.delete(new ManageDocuments.Delete(office, Optional.of(1L), ACTOR)))
                .isInstanceOf(DocumentResult.Deleted.class);
        assertThat(audit).extracting(AuditLogPort.Entry::activity).containsExactly("create named location",
                "create policy", "delete policy", "delete named location");
        assertThat(announced).contains("POLICY delete", "NAMED_LOCATION delete");
    }

    @Test
    void aPolicyNamingALocationThatIsNotStoredIsInvalidAndNothingIsWritten() {
        DocumentResult<ConditionalAccessPolicy> result = policies.create(new ManageDocuments.Create<>(
                refs -> refs.namedLocations().containsKey("nowhere") ? Checked.valid(mfaOutside("nowhere"), List.of())
                        : Checked.invalid("conditions.locations.includeLocations[0]", "no named location 'nowhere'"),
                false, ACTOR));

        assertThat(result).isInstanceOf(DocumentResult.Invalid.class);
        assertThat(stores.policies().all()).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void aChangeTheGuardRefusesIsWrittenOnlyWhenForcedAndTheAuditSaysWhatItWasWarnedAbout() {
        guardSays = List.of("ada would be locked out");

        assertThat(policies.create(create(mfaOutside("AllTrusted"))))
                .isEqualTo(new DocumentResult.Refused<ConditionalAccessPolicy>(guardSays));
        assertThat(stores.policies().all()).isEmpty();

        written(policies.create(new ManageDocuments.Create<>(refs -> Checked.valid(mfaOutside("AllTrusted"), List.of()),
                true, ACTOR)));
        assertThat(audit).extracting(AuditLogPort.Entry::activity)
                .containsExactly("create policy (forced past: ada would be locked out)");
    }

    @Test
    void aChangeNamesTheVersionItReplacesSoNoUpdateIsLost() {
        String id = written(policies.create(create(mfaOutside("AllTrusted"))));
        ManageDocuments.Edit<ConditionalAccessPolicy> rename = (current, refs) -> Checked.valid(
                new ConditionalAccessPolicy(current.id(), "Renamed", current.state(), current.conditions(),
                        current.grantControls(), current.sessionControls()), List.of());

        assertThat(policies.update(new ManageDocuments.Update<>(id, Optional.empty(), rename, false, ACTOR)))
                .isInstanceOf(DocumentResult.VersionRequired.class);
        assertThat(written(policies.update(new ManageDocuments.Update<>(id, Optional.of(1L), rename, false, ACTOR))))
                .isEqualTo(id);
        assertThat(policies.update(new ManageDocuments.Update<>(id, Optional.of(1L), rename, false, ACTOR)))
                .isEqualTo(new DocumentResult.Stale<ConditionalAccessPolicy>(2));
        assertThat(policies.get(id).orElseThrow().value().displayName()).isEqualTo("Renamed");
        assertThat(policies.get(id).orElseThrow().version()).contains(2L);
    }

    private static <T> ManageDocuments.Create<T> create(T value) {
        return new ManageDocuments.Create<>(refs -> Checked.valid(value, List.of()), false, ACTOR);
    }

    /** A new policy (the store gives it its id) asking for MFA outside the named location. */
    private static ConditionalAccessPolicy mfaOutside(String locationId) {
        return new ConditionalAccessPolicy("", "MFA outside the office", PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all())
                        .withLocations(new LocationsCondition(java.util.Set.of("All"), java.util.Set.of(locationId))),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
    }

    private static <T> String written(DocumentResult<T> result) {
        assertThat(result).isInstanceOf(DocumentResult.Written.class);
        return ((DocumentResult.Written<T>) result).document().id();
    }
}
