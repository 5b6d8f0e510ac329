package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** Transactions of the database the documents, audit log and fact feed share. */
@ApplicationScoped
public class DatabaseTransactions implements Transactions {

    @Override
    public <R> R inOne(Supplier<R> work) {
        return QuarkusTransaction.joiningExisting().call(work::get);
    }
}
