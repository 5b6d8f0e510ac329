package dev.portcullis.core.service;

import dev.portcullis.core.port.in.ManageRiskyUsers;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.risk.UserRiskAssessor;
import dev.portcullis.core.risk.UserRiskAssessor.UserRiskEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Users' risk assessed now, and administrators' verdicts on it, each audited. */
public final class RiskyUsersService implements ManageRiskyUsers {

    private final RiskyUserRecords users;
    private final AuditLogPort audit;
    private final UserRiskAssessor assessor;
    private final Clock clock;

    public RiskyUsersService(DocumentStore<RiskyUser> store, AuditLogPort audit, UserRiskAssessor assessor,
            Clock clock) {
        this.users = new RiskyUserRecords(store);
        this.audit = audit;
        this.assessor = assessor;
        this.clock = clock;
    }

    @Override
    public List<Assessed> list() {
        Instant now = clock.instant();
        return users.all().stream().map(u -> assessed(u, now)).toList();
    }

    @Override
    public Optional<Assessed> get(String userId) {
        return users.find(userId).map(u -> assessed(u, clock.instant()));
    }

    @Override
    public void confirmCompromised(Verdict verdict) {
        forEachUser(verdict, "confirm compromised", true,
                at -> u -> u.with(new UserRiskEvent.ConfirmedCompromised(at, verdict.actor())));
    }

    @Override
    public void dismiss(Verdict verdict) {
        forEachUser(verdict, "dismiss risk of", false, at -> u -> u.remediated(at, "dismissed by " + verdict.actor()));
    }

    private void forEachUser(Verdict verdict, String activity, boolean create,
            Function<Instant, UnaryOperator<RiskyUser>> change) {
        Instant now = clock.instant();
        for (String userId : verdict.userIds()) {
            Optional<RiskyUser> before = users.find(userId);
            if (users.change(userId, List.of(new RiskyUserRecords.Change(create, change.apply(now))))) {
                audit.append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), now, verdict.actor(),
                        activity + " user", DocumentKind.RISKY_USER, userId, before, users.find(userId)));
            }
        }
    }

    private Assessed assessed(RiskyUser user, Instant now) {
        return new Assessed(user, user.assess(assessor, now), user.riskState(assessor, now));
    }
}
