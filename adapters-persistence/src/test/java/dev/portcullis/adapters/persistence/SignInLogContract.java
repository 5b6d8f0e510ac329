package dev.portcullis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signinlog.DeviceDetail;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every sign-in log must do, run against each store. */
public abstract class SignInLogContract {

    protected abstract SignInLogPort log();

    private static SignInRecord record(String user, String app, String decision, Instant at, String policyId) {
        return new SignInRecord(UUID.randomUUID().toString(), at, "demo", user, app, ClientAppType.BROWSER,
                Optional.of("198.51.100.7"), Optional.of("DE"), DeviceDetail.unproven(Optional.empty()), RiskLevel.NONE,
                decision, List.of(),
                List.of(new PolicyOutcome(policyId, "Policy " + policyId, PolicyState.REPORT_ONLY,
                        PolicyOutcome.Result.REPORT_ONLY_FAILURE, List.of("grantControls: block"))),
                List.of("unusualHours: 03:00"), Optional.of(at.minusSeconds(86_400)),
                Optional.of("login-" + decision));
    }

    @Test
    void recordsComeBackWholeNewestFirstFilteredAndPaged() {
        String user = "user-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-24T08:00:00Z");
        SignInRecord first = record(user, "portal", "allow", t0, "p-a");
        SignInRecord second = record(user, "mail", "block", t0.plus(Duration.ofMinutes(5)), "p-b");
        SignInRecord third = record(user, "portal", "requireControls", t0.plus(Duration.ofMinutes(10)), "p-a");
        assertThat(log().append(List.of(first, second, third))).containsExactly(first, second, third);
        assertThat(log().append(List.of(second))).as("a node retrying a batch adds nothing").isEmpty();

        SignInLogPort.Query mine = new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50);
        assertThat(log().query(mine)).containsExactly(third, second, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.of("portal"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(third, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.of("block"),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.of("p-a"), Optional.empty(), Optional.empty(), 0, 50))).containsExactly(third, first);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(t0.plusSeconds(60)), Optional.of(t0.plusSeconds(400)), 0, 50)))
                .containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.of(user), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 1, 1))).containsExactly(second);
        // The ids a block page shows: the record's (request) id and its login's correlation id.
        assertThat(log().query(new SignInLogPort.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("login-block"), 0, 50)))
                .filteredOn(r -> r.userId().equals(user)).containsExactly(second);
        assertThat(log().query(new SignInLogPort.Query(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(third.id()), Optional.empty(), 0, 50)))
                .containsExactly(third);
    }
}
