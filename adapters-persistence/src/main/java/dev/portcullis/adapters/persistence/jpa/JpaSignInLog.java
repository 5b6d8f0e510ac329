package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.signinlog.DailyOutcomeCount;
import dev.portcullis.core.signinlog.OutcomeCount;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.SignInRecordCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The sign-in log on the database; records are kept as the node shipped them (Graph JSON). */
@ApplicationScoped
public class JpaSignInLog implements SignInLogPort {

    private final JsonText json = JsonText.shared();
    private final SignInRecordCodec signIns = SignInRecordCodec.instance();

    /** The policy sets read so far: each is immutable (its id is its hash), and there are few. */
    private final Map<String, PolicySet> sets = new java.util.concurrent.ConcurrentHashMap<>();

    /** How often an append is tried again after another one stored the same record first. */
    private static final int ATTEMPTS = 3;

    /**
     * A node whose request timed out sends the batch again, possibly to another replica, while the
     * first request may still be storing it: both see the record missing and one insert meets the
     * other's key. That one is not an error: it tries again, and this time skips what the other stored.
     */
    @Override
    public List<SignInRecord> append(List<SignInRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return appendOnce(records);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !storedMeanwhile(e)) {
                    throw e;
                }
            }
        }
    }

    /** A unique key violation (SQLState 23505 on PostgreSQL and H2): the same record, stored by a concurrent append. */
    private static boolean storedMeanwhile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private List<SignInRecord> appendOnce(List<SignInRecord> records) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<SignInRecord> kept = new ArrayList<>();
            // One query for the whole batch: a node's retry sends records already stored, and they are skipped.
            Set<String> stored = SignInEntity.<SignInEntity>list("id in ?1", records.stream().map(SignInRecord::id).toList())
                    .stream().map(e -> e.id).collect(Collectors.toSet());
            for (SignInRecord record : records) {
                if (stored.add(record.id())) {
                    kept.add(record);
                }
            }
            if (kept.isEmpty()) {
                return kept;
            }
            Map<SignInRecord, PolicySet> sets = new LinkedHashMap<>();
            for (SignInRecord record : kept) {
                PolicySet set = PolicySet.of(record);
                sets.put(record, set);
                SignInEntity entity = new SignInEntity();
                entity.id = record.id();
                entity.at = DocumentEntity.at(record.time());
                entity.userId = record.userId();
                entity.appId = record.target();
                entity.decision = record.decision();
                entity.correlationId = record.correlationId().orElse(null);
                entity.policyIds = record.policyOutcomes().stream().filter(PolicyOutcome::applied)
                        .map(o -> "|" + o.policyId() + "|").collect(Collectors.joining());
                entity.policySetId = set.id();
                entity.utcDay = SignInOutcomeRows.utcDay(record);
                entity.json = new String(signIns.bytes(record), StandardCharsets.UTF_8);
                entity.persist();
            }
            // The outcome rows name their sign-in's row: it is written first.
            SignInEntity.flush();
            SignInEntity.getSession().doWork(connection -> SignInOutcomeRows.write(connection, sets));
            return kept;
        });
    }

    @Override
    public List<OutcomeCount> outcomeCounts(Instant from, Instant to) {
        return counted(connection -> new SignInCounts(connection, sets).byPolicy(from, to));
    }

    @Override
    public List<DailyOutcomeCount> dailyOutcomeCounts(String policyId, Instant from, Instant to) {
        return counted(connection -> new SignInCounts(connection, sets).byDay(policyId, from, to));
    }

    @Override
    public AffectedUsers affectedUsers(String policyId, Instant from, Instant to) {
        return counted(connection -> new SignInCounts(connection, sets).affected(policyId, from, to));
    }

    private <T> T counted(org.hibernate.jdbc.ReturningWork<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> SignInEntity.getSession()
                .doReturningWork(work));
    }

    @Override
    public List<SignInRecord> query(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        query.userId().ifPresent(v -> {
            where.add("userId = :user");
            parameters.put("user", v);
        });
        query.application().ifPresent(v -> {
            where.add("appId = :app");
            parameters.put("app", v);
        });
        query.decision().ifPresent(v -> {
            where.add("decision = :decision");
            parameters.put("decision", v);
        });
        query.policyId().ifPresent(v -> {
            where.add("policyIds like :policy");
            parameters.put("policy", "%|" + v.replace("%", "").replace("_", "") + "|%");
        });
        query.requestId().ifPresent(v -> {
            where.add("id = :id");
            parameters.put("id", v);
        });
        query.correlationId().ifPresent(v -> {
            where.add("correlationId = :correlation");
            parameters.put("correlation", v);
        });
        query.from().ifPresent(v -> {
            where.add("at >= :from");
            parameters.put("from", DocumentEntity.at(v));
        });
        query.to().ifPresent(v -> {
            where.add("at < :to");
            parameters.put("to", DocumentEntity.at(v));
        });
        String hql = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by at desc, id";
        return QuarkusTransaction.requiringNew().call(() -> SignInEntity.<SignInEntity>find(hql, parameters)
                .range(query.skip(), query.skip() + query.top() - 1).list().stream()
                .map(e -> signIns.read(json.parse(e.json.getBytes(StandardCharsets.UTF_8)).orElseThrow())
                        .orElseThrow())
                .toList());
    }
}
