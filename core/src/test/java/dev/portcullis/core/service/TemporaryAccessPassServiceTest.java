package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.port.in.ManageTemporaryAccessPasses;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.AlreadyHasOne;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issue;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.Issued;
import dev.portcullis.core.port.in.ManageTemporaryAccessPasses.UnknownUser;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One pass per user, shown once, kept as a verifier, audited without it, and in the snapshot. */
class TemporaryAccessPassServiceTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final InMemoryDocumentStore store = new InMemoryDocumentStore(clock);
    private final RecordedAuditLog audit = new RecordedAuditLog();
    private final InMemoryDirectory directory = new InMemoryDirectory().put(new DirectoryUser(
            new UserIdentity("id-ada", Set.of(), Set.of(), false), "ada", RegistrationState.nothing(), false));
    private final TemporaryAccessPassService passes = new TemporaryAccessPassService(
            store.stores().temporaryAccessPasses(), directory, audit, clock, new SecureRandom());

    @Test
    void anAdministratorsPassIsIssuedOnlyBySomeoneWhoMayManageAdministrators() {
        directory.put(new DirectoryUser(new UserIdentity("id-root", Set.of(), Set.of("admin"), false), "root",
                RegistrationState.nothing(), false));
        assertThat(passes.issue(new Issue("root", Optional.empty(), 60, true, "helpdesk")))
                .isEqualTo(new ManageTemporaryAccessPasses.PrivilegedUser());
        assertThat(audit.entries).isEmpty();
        assertThat(passes.issue(new Issue("root", Optional.empty(), 60, true, "an administrator", true)))
                .isInstanceOf(Issued.class);
    }

    @Test
    void issuedOnceByUsernameKeptUnderTheUserIdAsAVerifier() {
        Issued issued = (Issued) passes.issue(new Issue("ada", Optional.empty(), 60, true, "helpdesk"));

        assertThat(issued.temporaryAccessPass()).hasSize(20).doesNotContain("0", "O", "1", "l", "I");
        assertThat(issued.toString()).doesNotContain(issued.temporaryAccessPass());
        TemporaryAccessPass kept = store.stores().temporaryAccessPasses().find("id-ada").orElseThrow().value();
        assertThat(kept.startDateTime()).isEqualTo(now.get());
        assertThat(kept.accepts(issued.temporaryAccessPass(), now.get())).isTrue();
        assertThat(kept.verifier().orElseThrow().hash()).doesNotContain(issued.temporaryAccessPass());
        assertThat(passes.list("id-ada").orElseThrow()).singleElement()
                .satisfies(p -> assertThat(p.verifier()).isEmpty());
    }

    @Test
    void theAuditLogNamesWhoAndWhatButNeverThePassNorItsVerifier() {
        Issued issued = (Issued) passes.issue(new Issue("ada", Optional.empty(), 60, false, "helpdesk"));
        assertThat(passes.revoke("ada", issued.method().id(), "helpdesk")).contains(true);

        assertThat(audit.entries).extracting(AuditLogPort.Entry::activity).containsExactly(
                "issue temporary access pass for user", "revoke temporary access pass of user");
        assertThat(audit.entries).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(DocumentKind.TEMPORARY_ACCESS_PASS);
            assertThat(e.documentId()).isEqualTo("id-ada");
            assertThat(e.actor()).isEqualTo("helpdesk");
            assertThat(e.toString()).doesNotContain(issued.temporaryAccessPass());
            java.util.stream.Stream.of(e.before(), e.after()).flatMap(Optional::stream)
                    .map(TemporaryAccessPass.class::cast).forEach(p -> assertThat(p.verifier()).isEmpty());
        });
        assertThat(passes.list("ada").orElseThrow()).isEmpty();
    }

    @Test
    void aSecondPassIsRefusedWhileTheFirstIsUsableButReplacesAnExpiredOne() {
        Issued first = (Issued) passes.issue(new Issue("ada", Optional.of(now.get().plusSeconds(3600)), 10, false, "a"));

        assertThat(passes.issue(new Issue("ada", Optional.empty(), 60, false, "a")))
                .isEqualTo(new AlreadyHasOne(first.method().id()));
        assertThat(audit.entries).hasSize(1);

        now.set(now.get().plus(Duration.ofHours(2)));
        Issued second = (Issued) passes.issue(new Issue("ada", Optional.empty(), 60, false, "a"));
        assertThat(second.method().id()).isNotEqualTo(first.method().id());
        assertThat(audit.entries.get(1).before()).isPresent();
    }

    @Test
    void unknownUsersAndUnknownMethods() {
        assertThat(passes.issue(new Issue("nobody", Optional.empty(), 60, false, "a"))).isEqualTo(new UnknownUser());
        assertThat(passes.list("nobody")).isEmpty();
        assertThat(passes.revoke("nobody", "x", "a")).isEmpty();
        assertThat(passes.revoke("ada", "x", "a")).contains(false);
        assertThat(audit.entries).isEmpty();
        assertThat(store.snapshotVersion()).isZero();
    }

    @Test
    void theSnapshotCarriesPassesNotYetExpiredWithTheirVerifier() {
        passes.issue(new Issue("ada", Optional.empty(), 60, true, "a"));
        var published = new PublishSnapshotService(store, store.stores(), clock,
                new StoredSecurityDefaults(store.stores().securityDefaults(), Set.of()));

        assertThat(published.current().snapshot().temporaryAccessPasses()).containsOnlyKeys("id-ada")
                .allSatisfy((user, pass) -> assertThat(pass.verifier()).isPresent());
        now.set(now.get().plus(Duration.ofHours(1)));
        var later = new PublishSnapshotService(store, store.stores(), clock,
                new StoredSecurityDefaults(store.stores().securityDefaults(), Set.of()));
        assertThat(later.current().snapshot().temporaryAccessPasses()).isEmpty();
    }

    @Test
    void lifetimeOutsideEntrasBoundsNamesTheField() {
        assertThat(TemporaryAccessPass.lifetimeProblem(9)).get()
                .satisfies(p -> assertThat(p.path()).isEqualTo("lifetimeInMinutes"));
        assertThat(TemporaryAccessPass.lifetimeProblem(43_201)).isPresent();
        assertThat(TemporaryAccessPass.lifetimeProblem(10)).isEmpty();
        assertThatThrownBy(() -> new Issue("ada", Optional.empty(), 5, false, "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
