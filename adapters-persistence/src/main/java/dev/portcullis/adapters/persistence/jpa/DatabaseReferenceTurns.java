package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.ReferenceTurns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.function.Supplier;

/**
 * Turns taken in the database, so they hold across control-plane replicas: a turn is one
 * transaction that first locks the snapshot-version row (which every change updates anyway), then
 * checks references and writes. A second writer, in this process or another, waits at that lock and
 * then reads what the first committed, so a policy never names a location deleted beside it.
 */
@ApplicationScoped
public class DatabaseReferenceTurns implements ReferenceTurns {

    @Override
    public <R> R inTurn(Supplier<R> write) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SnapshotVersionEntity.findById(1, LockModeType.PESSIMISTIC_WRITE);
            return write.get();
        });
    }
}
