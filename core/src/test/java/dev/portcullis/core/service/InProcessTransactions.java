package dev.portcullis.core.service;

import dev.portcullis.core.port.out.Transactions;
import java.util.function.Supplier;

/**
 * The work runs as it is, for the services' unit tests, whose stores live in memory and cannot roll
 * back. That a transaction's writes commit together or not at all is the persistence adapter's
 * contract, proven on H2 and PostgreSQL (DocumentStoreContract).
 */
public final class InProcessTransactions implements Transactions {

    @Override
    public <R> R inOne(Supplier<R> work) {
        return work.get();
    }
}
