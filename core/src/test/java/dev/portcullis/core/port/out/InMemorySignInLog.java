package dev.portcullis.core.port.out;

import dev.portcullis.core.signinlog.SignInRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sign-in log that keeps what it is given (a record once, as nodes retry), newest first, filtered
 * as the database's is: {@code from} included, {@code to} not, a policy where it applied. The
 * persistence module runs the sign-in log contract against it too.
 */
public final class InMemorySignInLog implements SignInLogPort {

    private final List<SignInRecord> kept = new CopyOnWriteArrayList<>();

    @Override
    public synchronized List<SignInRecord> append(List<SignInRecord> records) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        kept.forEach(k -> seen.add(k.id()));
        // A record twice in one batch is kept once, as a database's key keeps it.
        List<SignInRecord> added = records.stream().filter(r -> seen.add(r.id())).toList();
        kept.addAll(added);
        return added;
    }

    @Override
    public List<SignInRecord> query(Query query) {
        return kept.stream().filter(r -> query.userId().map(r.userId()::equals).orElse(true))
                .filter(r -> query.application().map(r.target()::equals).orElse(true))
                .filter(r -> query.decision().map(r.decision()::equals).orElse(true))
                .filter(r -> query.policyId().map(p -> r.policyOutcomes().stream()
                        .anyMatch(o -> o.applied() && o.policyId().equals(p))).orElse(true))
                .filter(r -> query.requestId().map(r.id()::equals).orElse(true))
                .filter(r -> query.correlationId().map(c -> r.correlationId().equals(Optional.of(c))).orElse(true))
                .filter(r -> query.from().map(from -> !r.time().isBefore(from)).orElse(true))
                .filter(r -> query.to().map(to -> r.time().isBefore(to)).orElse(true))
                .sorted(Comparator.comparing(SignInRecord::time).reversed().thenComparing(SignInRecord::id))
                .skip(query.skip()).limit(query.top()).toList();
    }
}
