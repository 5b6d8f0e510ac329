package dev.portcullis.core.service;

import dev.portcullis.core.notice.EnforcementNotice;
import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.NotifyAffectedUsers;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.MailSettingsPort;
import dev.portcullis.core.port.out.NoticeDeliveryPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.validation.ValidationProblem;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The users a policy would have prompted or blocked, read from the sign-in log and named from the
 * directory; and the notice to those it would prompt. Every address is looked up before the first
 * mail goes out, so a directory failure sends nothing rather than half. One audit entry per run
 * that sent, with the counts only: never a recipient's message or the server's credentials.
 */
public final class NotifyAffectedUsersService implements NotifyAffectedUsers {

    /** What the service reads and writes through. */
    public record Ports(DocumentStore<ConditionalAccessPolicy> policies, SignInLogPort signIns,
            DirectoryPort directory, MailSettingsPort mail, NoticeDeliveryPort delivery, AuditLogPort audit,
            Clock clock) {}

    private final Ports ports;
    private final URI accountConsole;

    /** @param accountConsole where users of the realm register an authenticator (Keycloak's account console) */
    public NotifyAffectedUsersService(Ports ports, URI accountConsole) {
        this.ports = ports;
        this.accountConsole = accountConsole;
    }

    @Override
    public Optional<Checked<Listing>> affectedUsers(String policyId, Checked<ReadLogs.Period> period, int top) {
        if (top < 1 || top > MAX_LISTED) {
            throw new IllegalArgumentException("top must be 1.." + MAX_LISTED);
        }
        if (ports.policies().find(policyId).isEmpty()) {
            return Optional.empty();
        }
        if (!period.ok()) {
            return Optional.of(Checked.invalid(period.errors()));
        }
        List<AffectedUsers.User> users = affected(policyId, period.value().orElseThrow()).users();
        List<AffectedUsers.User> named = users.subList(0, Math.min(top, users.size()));
        List<AffectedUser> listed;
        boolean directoryRead = true;
        try {
            listed = lookUp(named);
        } catch (DirectoryUnavailableException e) {
            directoryRead = false;
            listed = named.stream().map(u -> new AffectedUser(u.userId(), Optional.empty(), Optional.empty(),
                    u.wouldPrompt(), u.wouldBlock())).toList();
        }
        return Optional.of(Checked.valid(new Listing(users.size(), listed, directoryRead), List.of()));
    }

    @Override
    public Outcome notify(Command command) {
        Optional<Stored<ConditionalAccessPolicy>> stored = ports.policies().find(command.policyId());
        if (stored.isEmpty()) {
            return new Outcome.NotFound("policy '" + command.policyId() + "'");
        }
        if (!command.request().ok()) {
            return new Outcome.Invalid(command.request().errors());
        }
        Request request = command.request().value().orElseThrow();
        if (request.enforcementDate().isBefore(LocalDate.ofInstant(ports.clock().instant(), ZoneOffset.UTC))) {
            return new Outcome.Invalid(List.of(new ValidationProblem("enforcementDate", "must not be in the past")));
        }
        try {
            Optional<MailServer> server = ports.mail().mailServer();
            if (server.isEmpty()) {
                return new Outcome.NoMailServer("the realm has no SMTP server: configure the Keycloak realm's e-mail"
                        + " settings (Realm settings > Email: host, port, sender), then send this again; nothing was sent");
            }
            if (server.get().login().filter(login -> login.password().isEmpty()).isPresent()) {
                return new Outcome.NoMailServer("the realm's SMTP server needs a login, and its password is not known"
                        + " here (Keycloak's Admin API does not reveal it): give it to the control plane, then send"
                        + " this again; nothing was sent");
            }
            List<AffectedUsers.User> prompted = affected(command.policyId(), request.period()).prompted();
            List<AffectedUsers.User> reached = prompted.subList(0, Math.min(MAX_NOTICES, prompted.size()));
            List<AffectedUser> people = lookUp(reached);
            return new Outcome.Done(send(command, stored.get(), request, server.get(), people, prompted.size()));
        } catch (DirectoryUnavailableException e) {
            return new Outcome.DirectoryDown(e.getMessage() + "; nothing was sent");
        }
    }

    private Report send(Command command, Stored<ConditionalAccessPolicy> stored, Request request, MailServer server,
            List<AffectedUser> people, int prompted) {
        List<AffectedUser> told = people.stream().filter(p -> p.email().isPresent()).toList();
        int skipped = people.size() - told.size();
        int notReached = prompted - people.size();
        if (request.dryRun()) {
            return new Report(true, prompted, told, 0, skipped, 0, notReached);
        }
        EnforcementNotice notice = EnforcementNotice.of(request.enforcementDate(),
                stored.value().conditions().applications(), accountConsole);
        int sent = 0;
        for (AffectedUser person : told) {
            if (ports.delivery().send(server, notice.to(person.email().orElseThrow()))
                    instanceof NoticeDeliveryPort.Delivery.Sent) {
                sent++;
            }
        }
        Report report = new Report(false, prompted, told, sent, skipped, told.size() - sent, notReached);
        ports.audit().append(new AuditLogPort.Entry<ConditionalAccessPolicy>(UUID.randomUUID().toString(),
                ports.clock().instant(), command.actor(), ACTIVITY + counts(report, request), DocumentKind.POLICY,
                command.policyId(), Optional.empty(), Optional.empty()));
        return report;
    }

    /**
     * The audit entry's record of a run, in its activity (no document changed, so there is no before
     * or after): counts and dates, nobody's address or message.
     */
    private static String counts(Report report, Request request) {
        return ": enforcementDate " + request.enforcementDate() + ", sign-ins " + request.period().from() + " to "
                + request.period().to() + ", prompted " + report.prompted() + ", sent " + report.sent()
                + ", skippedNoEmail " + report.skippedNoEmail() + ", failed " + report.failed() + ", notReached "
                + report.notReached();
    }

    private List<AffectedUser> lookUp(List<AffectedUsers.User> users) {
        List<AffectedUser> found = new ArrayList<>();
        for (AffectedUsers.User user : users) {
            Optional<DirectoryPort.DirectoryUser> known = ports.directory().findUser(user.userId());
            found.add(new AffectedUser(user.userId(), known.map(DirectoryPort.DirectoryUser::username),
                    known.flatMap(DirectoryPort.DirectoryUser::email), user.wouldPrompt(), user.wouldBlock()));
        }
        return found;
    }

    /** Who the policy prompted or blocked in the period. */
    private AffectedUsers affected(String policyId, ReadLogs.Period period) {
        return ports.signIns().affectedUsers(policyId, period.from(), period.to());
    }

    /** The audit activity a run is recorded under. */
    public static final String ACTIVITY = "notify affected users";
}
