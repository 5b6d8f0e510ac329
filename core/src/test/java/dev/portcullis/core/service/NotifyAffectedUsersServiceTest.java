package dev.portcullis.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicyOutcome.Result;
import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.notice.Notice;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import dev.portcullis.core.port.in.NotifyAffectedUsers.AffectedUser;
import dev.portcullis.core.port.in.NotifyAffectedUsers.Outcome;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort.DirectoryUser;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.InMemoryDirectory;
import dev.portcullis.core.port.out.InMemoryDocumentStore;
import dev.portcullis.core.port.out.MailSettingsPort;
import dev.portcullis.core.port.out.NoticeDeliveryPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.UserIdentity;
import dev.portcullis.core.signinlog.SignInRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyAffectedUsersServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final ReadLogs.Period WEEK = new ReadLogs.Period(NOW.minusSeconds(7 * 86400), NOW);
    private static final LocalDate MONDAY = LocalDate.parse("2026-12-14");
    private static final MailServer SMTP = new MailServer("smtp.example.test", 25, "it@example.test",
            Optional.empty(), Optional.empty(), false, false, Optional.empty());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RecordedAuditLog auditLog = new RecordedAuditLog();
    private final List<AuditLogPort.Entry<?>> audit = auditLog.entries;
    private final InMemoryDocumentStore store = new InMemoryDocumentStore(clock);
    private final List<SignInRecord> log = new ArrayList<>();
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final AtomicReference<Optional<MailServer>> realmMail = new AtomicReference<>(Optional.of(SMTP));
    private final List<Notice> sent = new ArrayList<>();
    private NoticeDeliveryPort delivery = (server, notice) -> {
        sent.add(notice);
        return new NoticeDeliveryPort.Delivery.Sent();
    };
    private String policyId;

    @BeforeEach
    void storeAPolicyAndItsSignIns() {
        ConditionalAccessPolicy policy = new ConditionalAccessPolicy("", "MFA for the portal", PolicyState.REPORT_ONLY,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.apps("portal", "finance")),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        policyId = "p-1";
        assertThat(store.stores().policies().create(policyId, policy.displayName(), policy))
                .isInstanceOf(SaveResult.Saved.class);
        // Newest first, as the log answers.
        log.add(signIn("ann", NOW.minusSeconds(60), Result.REPORT_ONLY_INTERRUPTED));
        log.add(signIn("bob", NOW.minusSeconds(120), Result.REPORT_ONLY_FAILURE));
        log.add(signIn("ann", NOW.minusSeconds(180), Result.REPORT_ONLY_INTERRUPTED));
        log.add(signIn("cid", NOW.minusSeconds(240), Result.REPORT_ONLY_INTERRUPTED));
        log.add(signIn("dee", NOW.minusSeconds(300), Result.REPORT_ONLY_SUCCESS));
        log.add(signIn("old", NOW.minusSeconds(30 * 86400), Result.REPORT_ONLY_INTERRUPTED));
        directory.put(user("ann", "ann.lee", Optional.of("ann@example.test")));
        directory.put(user("bob", "bob.ray", Optional.of("bob@example.test")));
        directory.put(user("cid", "cid.nomail", Optional.empty()));
    }

    private SignInRecord signIn(String user, Instant at, Result result) {
        return new SignInRecord("r-" + log.size(), at, "demo", user, "portal", ClientAppType.BROWSER, Optional.empty(),
                Optional.empty(), Optional.empty(), RiskLevel.NONE, "allow", List.of(),
                List.of(new PolicyOutcome(policyId, "MFA for the portal", PolicyState.REPORT_ONLY, result, List.of())));
    }

    private static DirectoryUser user(String id, String username, Optional<String> email) {
        return new DirectoryUser(new UserIdentity(id, Set.of(), Set.of(), false), username, new RegistrationState(Set.of()),
                false, email);
    }

    private NotifyAffectedUsers service() {
        SignInLogPort signIns = new SignInLogPort() {
            @Override
            public List<SignInRecord> append(List<SignInRecord> records) {
                log.addAll(records);
                return records;
            }

            @Override
            public List<SignInRecord> query(Query query) {
                return log.stream().filter(r -> !r.time().isBefore(query.from().orElseThrow()))
                        .filter(r -> !r.time().isAfter(query.to().orElseThrow())).skip(query.skip()).limit(query.top())
                        .toList();
            }
        };
        MailSettingsPort mail = realmMail::get;
        return new NotifyAffectedUsersService(new NotifyAffectedUsersService.Ports(store.stores().policies(), signIns, directory, mail,
                (server, notice) -> delivery.send(server, notice), auditLog, clock),
                URI.create("https://sso.example.test/realms/demo/account"));
    }

    private Outcome notify(boolean dryRun) {
        return service().notify(new NotifyAffectedUsers.Command(policyId,
                Checked.valid(new NotifyAffectedUsers.Request(WEEK, MONDAY, dryRun), List.of()), "alice"));
    }

    @Test
    void listsEachUserThePolicyWouldPromptOrBlockOnceWithWhatTheDirectoryKnows() {
        NotifyAffectedUsers.Listing listing = service().affectedUsers(policyId, Checked.valid(WEEK, List.of()), 100)
                .orElseThrow().value().orElseThrow();
        assertThat(listing.total()).isEqualTo(3);
        assertThat(listing.directoryRead()).isTrue();
        assertThat(listing.listed()).containsExactly(
                new AffectedUser("ann", Optional.of("ann.lee"), Optional.of("ann@example.test"), 2, 0),
                new AffectedUser("bob", Optional.of("bob.ray"), Optional.of("bob@example.test"), 0, 1),
                new AffectedUser("cid", Optional.of("cid.nomail"), Optional.empty(), 1, 0));
        assertThat(service().affectedUsers(policyId, Checked.valid(WEEK, List.of()), 1).orElseThrow().value()
                .orElseThrow()).satisfies(capped -> {
                    assertThat(capped.total()).isEqualTo(3);
                    assertThat(capped.listed()).extracting(AffectedUser::userId).containsExactly("ann");
                });
        assertThat(service().affectedUsers("nope", Checked.valid(WEEK, List.of()), 10)).isEmpty();
    }

    @Test
    void withTheDirectoryDownTheListingGivesIdsOnly() {
        directory.goDown();
        NotifyAffectedUsers.Listing listing = service().affectedUsers(policyId, Checked.valid(WEEK, List.of()), 100)
                .orElseThrow().value().orElseThrow();
        assertThat(listing.directoryRead()).isFalse();
        assertThat(listing.listed()).extracting(AffectedUser::userId).containsExactly("ann", "bob", "cid");
        assertThat(listing.listed()).allSatisfy(u -> assertThat(u.email()).isEmpty());
    }

    @Test
    void tellsEachPromptedUserWithAnAddressOnceAndAuditsTheCountsOnly() {
        Outcome outcome = notify(false);
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        NotifyAffectedUsers.Report report = ((Outcome.Done) outcome).report();
        assertThat(report.prompted()).isEqualTo(2);
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.skippedNoEmail()).isEqualTo(1);
        assertThat(report.failed()).isZero();
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo("ann@example.test");
            assertThat(notice.text()).isEqualTo("From 2026-12-14 the organisation will ask you for MFA when you sign in"
                    + " to finance, portal; register an authenticator now at https://sso.example.test/realms/demo/account\n");
        });
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.activity()).startsWith("notify affected users: enforcementDate 2026-12-14")
                    .contains("prompted 2, sent 1, skippedNoEmail 1, failed 0")
                    .doesNotContain("ann@example.test", "register an authenticator");
            assertThat(entry.kind()).isEqualTo(DocumentKind.POLICY);
            assertThat(entry.documentId()).isEqualTo(policyId);
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.before()).isEmpty();
            assertThat(entry.after()).isEmpty();
        });
    }

    @Test
    void aDryRunSaysWhoWouldBeToldAndSendsNothing() {
        NotifyAffectedUsers.Report report = ((Outcome.Done) notify(true)).report();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.told()).extracting(AffectedUser::email).containsExactly(Optional.of("ann@example.test"));
        assertThat(report.sent()).isZero();
        assertThat(sent).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void aNoticeTheServerRefusesCountsAsFailed() {
        delivery = (server, notice) -> new NoticeDeliveryPort.Delivery.Failed("550 mailbox unavailable");
        NotifyAffectedUsers.Report report = ((Outcome.Done) notify(false)).report();
        assertThat(report.sent()).isZero();
        assertThat(report.failed()).isEqualTo(1);
        assertThat(audit).singleElement().satisfies(e -> assertThat(e.activity()).contains("sent 0", "failed 1"));
    }

    @Test
    void withoutAMailServerOrItsPasswordNothingIsSent() {
        realmMail.set(Optional.empty());
        assertThat(notify(false)).isInstanceOfSatisfying(Outcome.NoMailServer.class,
                n -> assertThat(n.detail()).contains("configure the Keycloak realm's e-mail settings"));
        realmMail.set(Optional.of(new MailServer("smtp.example.test", 587, "it@example.test", Optional.empty(),
                Optional.empty(), false, true, Optional.of(new MailServer.Login("mailer", Optional.empty())))));
        assertThat(notify(false)).isInstanceOf(Outcome.NoMailServer.class);
        assertThat(sent).isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void withTheDirectoryDownNothingIsSent() {
        directory.goDown();
        assertThat(notify(false)).isInstanceOf(Outcome.DirectoryDown.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void refusesADateInThePastAndAnUnknownPolicy() {
        Outcome past = service().notify(new NotifyAffectedUsers.Command(policyId, Checked.valid(
                new NotifyAffectedUsers.Request(WEEK, LocalDate.parse("2026-12-01"), false), List.of()), "alice"));
        assertThat(past).isInstanceOfSatisfying(Outcome.Invalid.class,
                i -> assertThat(i.errors()).extracting(e -> e.path()).containsExactly("enforcementDate"));
        assertThat(service().notify(new NotifyAffectedUsers.Command("nope", Checked.valid(
                new NotifyAffectedUsers.Request(WEEK, MONDAY, false), List.of()), "alice")))
                .isInstanceOf(Outcome.NotFound.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void theLoginPasswordNeverShowsInText() {
        MailServer.Login login = new MailServer.Login("mailer", Optional.of("s3cret-pass"));
        assertThat(login.toString()).doesNotContain("s3cret-pass");
        assertThat(new MailServer("h", 25, "f@x", Optional.empty(), Optional.empty(), false, false, Optional.of(login))
                .toString()).doesNotContain("s3cret-pass");
    }
}
