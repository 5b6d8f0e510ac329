package dev.portcullis.adapters.persistence;

import dev.portcullis.adapters.persistence.jpa.DatabaseTransactions;
import dev.portcullis.adapters.persistence.jpa.JpaDocumentStore;
import dev.portcullis.core.port.out.Transactions;
import jakarta.inject.Inject;
import java.util.Optional;

/** The contract on the JPA store, with the database's transactions: each database's test only picks the database. */
abstract class JpaDocumentStoreContract extends DocumentStoreContract {

    @Inject
    JpaDocumentStore store;

    @Inject
    DatabaseTransactions transactions;

    @Override
    protected Store store() {
        return new Store(store.stores(), store, store, store);
    }

    @Override
    protected Optional<Transactions> transactions() {
        return Optional.of(transactions);
    }
}
