package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issue;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issued;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.InMemorySignInLog;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.UserIdentity;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node reports a pass's use in a sign-in record; the control plane audits it once, without the pass. */
class TemporaryAccessPassUsesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore(CLOCK);
    private final RecordedAuditLog audit = new RecordedAuditLog();
    private final SignInLogPort signIns = new InMemorySignInLog();
    private final IngestSignInsService ingest = new IngestSignInsService(signIns, store.stores().alerts(),
            store.stores().riskyUsers(), store.stores().temporaryAccessPasses(), audit, Optional.empty(), CLOCK);

    private static SignInRecord registering(String id, String user, List<String> details) {
        return new SignInRecord(id, CLOCK.instant(), "demo", user, "urn:user:registersecurityinfo",
                ClientAppType.BROWSER, Optional.empty(), Optional.empty(), Optional.empty(), RiskLevel.NONE,
                "requireControls", details, List.of());
    }

    @Test
    void aReportedUseIsAuditedOnceWithThePassAsShown() {
        InMemoryDirectory directory = new InMemoryDirectory().put(new DirectoryUser(
                new UserIdentity("u1", Set.of(), Set.of(), false), "tom", RegistrationState.nothing(), false));
        Issued issued = (Issued) new TemporaryAccessPassService(store.stores().temporaryAccessPasses(), directory,
                audit, CLOCK, new SecureRandom()).issue(new Issue("tom", Optional.empty(), 60, true, "helpdesk"));
        SignInRecord used = registering("s1", "u1", List.of("requires Multifactor authentication",
                TemporaryAccessPass.usedDetail(issued.method().id())));

        ingest.ingest(List.of(used, registering("s2", "u1", List.of("requires Multifactor authentication"))));
        ingest.ingest(List.of(used)); // a node's retry

        List<AuditLogPort.Entry<?>> uses = audit.entries.stream().filter(e -> e.activity().startsWith("use ")).toList();
        TemporaryAccessPass spent = store.stores().temporaryAccessPasses().find("u1").orElseThrow().value();
        assertThat(spent.usability(CLOCK.instant())).isEqualTo(TemporaryAccessPass.Usability.ONE_TIME_USED);
        assertThat(spent.verifier()).as("still kept: only its use changed").isPresent();
        assertThat(uses).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("u1");
            assertThat(e.kind()).isEqualTo(DocumentKind.TEMPORARY_ACCESS_PASS);
            assertThat(e.activity()).isEqualTo("use temporary access pass of user");
            assertThat(e.before()).get().isEqualTo(issued.method().shown());
            assertThat(e.after()).get().isEqualTo(spent.shown());
            assertThat(e.toString()).doesNotContain(issued.temporaryAccessPass());
        });
    }

    @Test
    void theDetailNamesThePassAndNothingElseReadsAsAUse() {
        assertThat(TemporaryAccessPass.usedIn(List.of(TemporaryAccessPass.usedDetail("m1"), "refused: m2",
                "requires MFA"))).containsExactly("m1");
    }
}
